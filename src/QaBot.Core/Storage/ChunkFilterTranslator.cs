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
/// Text properties are ordered with <c>string.CompareOrdinal(r.Property, value) &gt;= 0</c> (or
/// <c>string.Compare(…, StringComparison.Ordinal)</c>), which becomes <c>column &gt;= value</c> compared
/// by code point (the engine's <c>ordinalCollation</c>): the order of the ISO dates in
/// <see cref="ChunkRecord.PublishedDate"/>. Every value becomes a parameter; nothing from the filter is
/// written into the SQL text.
/// </summary>
internal static class ChunkFilterTranslator
{
    /// <summary>
    /// The condition, with each value passed to <paramref name="addParameter"/>, which returns its placeholder.
    /// <paramref name="ordinalCollation"/> is what the engine writes after a column to compare it by code
    /// point (SQLite: nothing, its default is binary; PostgreSQL: <c>COLLATE "C"</c>).
    /// </summary>
    public static string Translate(Expression<Func<ChunkRecord, bool>> filter, Func<object, string> addParameter, string alias, string ordinalCollation = "")
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(addParameter);
        var builder = new StringBuilder();
        new Visitor(filter.Parameters[0], addParameter, alias, ordinalCollation, builder).Write(filter.Body);
        return builder.ToString();
    }

    private sealed class Visitor(ParameterExpression record, Func<object, string> addParameter, string alias, string ordinalCollation, StringBuilder sql)
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
                case BinaryExpression comparison when Operator(comparison.NodeType) is { } op && OrdinalComparison(comparison) is { } ordered:
                    WriteComparison(ordered.Left, ordered.Right, op, $"{ordered.Left} {op} {ordered.Right}", ordinal: true);
                    break;
                case BinaryExpression comparison when Operator(comparison.NodeType) is { } op:
                    WriteComparison(comparison.Left, comparison.Right, op, comparison.ToString(), ordinal: false);
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

        /// <summary>
        /// <c>string.CompareOrdinal(a, b) op 0</c> (or <c>string.Compare(a, b, StringComparison.Ordinal) op 0</c>)
        /// as the comparison <c>a op b</c>; null for any other expression.
        /// </summary>
        private static (Expression Left, Expression Right)? OrdinalComparison(BinaryExpression comparison)
        {
            if (comparison.Left is not MethodCallExpression { Method.DeclaringType: var type, Method.Name: var name } call
                || type != typeof(string)
                || comparison.Right is not ConstantExpression { Value: 0 })
            {
                return null;
            }

            var ordinal = (name, call.Arguments.Count) switch
            {
                ("CompareOrdinal", 2) => true,
                ("Compare", 3) => call.Arguments[2] is ConstantExpression { Value: StringComparison.Ordinal },
                _ => false,
            };
            return ordinal ? (call.Arguments[0], call.Arguments[1]) : null;
        }

        private void WriteComparison(Expression leftOperand, Expression rightOperand, string op, string comparison, bool ordinal)
        {
            var (column, valueExpression, flipped) = ColumnOf(leftOperand) is { } left
                ? (left, rightOperand, false)
                : ColumnOf(rightOperand) is { } right
                    ? (right, leftOperand, true)
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

            sql.Append(alias).Append('.').Append(column);
            if (ordinal && ordinalCollation.Length > 0)
            {
                sql.Append(' ').Append(ordinalCollation);
            }

            sql.Append(' ').Append(op).Append(' ').Append(addParameter(value));
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
