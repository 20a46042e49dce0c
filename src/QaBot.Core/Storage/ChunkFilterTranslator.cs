using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;

namespace QaBot.Core.Storage;

/// <summary>
/// Translates a VectorData filter over <see cref="ChunkRecord"/> into a parameterized SQL condition, for
/// every engine (the engine only names its parameters). Supports comparisons (== != &lt; &lt;= &gt; &gt;=)
/// between a data property and a value (a constant or a captured variable), a captured list's
/// <c>Contains(r.Property)</c> (SQL <c>IN</c>), combined with &amp;&amp;, || and !, and boolean constants.
/// Every value becomes a parameter; nothing from the filter is written into the SQL text.
/// </summary>
internal static class ChunkFilterTranslator
{
    /// <summary>The condition, with each value passed to <paramref name="addParameter"/>, which returns its placeholder.</summary>
    public static string Translate(Expression<Func<ChunkRecord, bool>> filter, Func<object, string> addParameter, string alias)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(addParameter);
        var builder = new StringBuilder();
        new Visitor(filter.Parameters[0], addParameter, alias, builder).Write(filter.Body);
        return builder.ToString();
    }

    private sealed class Visitor(ParameterExpression record, Func<object, string> addParameter, string alias, StringBuilder sql)
    {
        public void Write(Expression expression)
        {
            switch (expression)
            {
                case BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.OrElse } logical:
                    sql.Append('(');
                    Write(logical.Left);
                    sql.Append(logical.NodeType == ExpressionType.AndAlso ? " AND " : " OR ");
                    Write(logical.Right);
                    sql.Append(')');
                    break;
                case BinaryExpression comparison when Operator(comparison.NodeType) is { } op:
                    WriteComparison(comparison, op);
                    break;
                case UnaryExpression { NodeType: ExpressionType.Not } not:
                    sql.Append("(NOT ");
                    Write(not.Operand);
                    sql.Append(')');
                    break;
                case MethodCallExpression { Method.Name: "Contains" } call when ContainsOperands(call) is { } operands:
                    WriteIn(operands.List, operands.Item);
                    break;
                case ConstantExpression { Value: bool value }:
                    sql.Append(value ? "(1 = 1)" : "(1 = 0)");
                    break;
                default:
                    throw new NotSupportedException($"Filter expression '{expression}' is not supported; compare a ChunkRecord property with a value.");
            }
        }

        private void WriteComparison(BinaryExpression comparison, string op)
        {
            var (column, valueExpression, flipped) = ColumnOf(comparison.Left) is { } left
                ? (left, comparison.Right, false)
                : ColumnOf(comparison.Right) is { } right
                    ? (right, comparison.Left, true)
                    : throw new NotSupportedException($"Filter comparison '{comparison}' must compare a ChunkRecord property with a value.");

            var value = Evaluate(valueExpression);
            if (value is null)
            {
                sql.Append(op switch
                {
                    "=" => $"{alias}.{column} IS NULL",
                    "<>" => $"{alias}.{column} IS NOT NULL",
                    _ => throw new NotSupportedException($"Filter comparison '{comparison}' with null is not supported."),
                });
                return;
            }

            if (flipped)
            {
                op = op switch { "<" => ">", ">" => "<", "<=" => ">=", ">=" => "<=", _ => op };
            }

            sql.Append(alias).Append('.').Append(column).Append(' ').Append(op).Append(' ').Append(addParameter(value));
        }

        /// <summary><c>list.Contains(r.P)</c> as <c>p IN (…)</c>; an empty list selects nothing.</summary>
        private void WriteIn(Expression listExpression, Expression itemExpression)
        {
            var column = ColumnOf(itemExpression)
                ?? throw new NotSupportedException($"Filter '{itemExpression}' in Contains must be a ChunkRecord property.");
            if (Evaluate(listExpression) is not IEnumerable values)
            {
                throw new NotSupportedException($"Filter list '{listExpression}' must be a captured list of values.");
            }

            var placeholders = new List<string>();
            foreach (var value in values)
            {
                placeholders.Add(value is null ? "NULL" : addParameter(value));
            }

            sql.Append(placeholders.Count == 0 ? "(1 = 0)" : $"{alias}.{column} IN ({string.Join(", ", placeholders)})");
        }

        /// <summary>
        /// The list and the item of <c>Enumerable.Contains(list, item)</c>, <c>list.Contains(item)</c>, or
        /// (C# 14 binds <c>array.Contains(item)</c> to spans) <c>MemoryExtensions.Contains(span, item)</c>.
        /// </summary>
        private static (Expression List, Expression Item)? ContainsOperands(MethodCallExpression call)
        {
            if (call.Object is null && call.Arguments.Count == 2)
            {
                var list = call.Arguments[0];
                if (list is MethodCallExpression { Method.Name: "op_Implicit", Arguments.Count: 1 } conversion)
                {
                    list = conversion.Arguments[0];
                }

                return (list, call.Arguments[1]);
            }

            return call.Object is not null && call.Arguments.Count == 1 && typeof(IEnumerable).IsAssignableFrom(call.Object.Type)
                ? (call.Object, call.Arguments[0])
                : null;
        }

        private string? ColumnOf(Expression expression)
        {
            if (expression is UnaryExpression { NodeType: ExpressionType.Convert } convert)
            {
                expression = convert.Operand;
            }

            if (expression is MemberExpression { Member: PropertyInfo } member && member.Expression == record)
            {
                return ChunkColumns.Of(member.Member.Name)
                    ?? throw new NotSupportedException($"ChunkRecord.{member.Member.Name} cannot be used in a filter.");
            }

            return null;
        }

        private object? Evaluate(Expression expression)
        {
            if (new ParameterFinder(record).Contains(expression))
            {
                throw new NotSupportedException($"Filter value '{expression}' must not depend on the record.");
            }

            return expression is ConstantExpression constant
                ? constant.Value
                : Expression.Lambda(expression).Compile(preferInterpretation: true).DynamicInvoke();
        }

        private static string? Operator(ExpressionType type) => type switch
        {
            ExpressionType.Equal => "=",
            ExpressionType.NotEqual => "<>",
            ExpressionType.LessThan => "<",
            ExpressionType.LessThanOrEqual => "<=",
            ExpressionType.GreaterThan => ">",
            ExpressionType.GreaterThanOrEqual => ">=",
            _ => null,
        };
    }

    private sealed class ParameterFinder(ParameterExpression parameter) : ExpressionVisitor
    {
        private bool _found;

        public bool Contains(Expression expression)
        {
            Visit(expression);
            return _found;
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            _found |= node == parameter;
            return node;
        }
    }
}
