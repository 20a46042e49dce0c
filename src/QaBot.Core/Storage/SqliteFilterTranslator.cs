using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.Data.Sqlite;

namespace QaBot.Core.Storage;

/// <summary>
/// Translates a VectorData filter over <see cref="ChunkRecord"/> into a parameterized SQL condition.
/// Supports comparisons (== != &lt; &lt;= &gt; &gt;=) between a data property and a value (a constant or
/// a captured variable), combined with &amp;&amp;, || and !, and boolean constants. Text properties are
/// ordered with <c>string.CompareOrdinal(r.Property, value) &gt;= 0</c> (or <c>string.Compare(…,
/// StringComparison.Ordinal)</c>), which becomes <c>column &gt;= value</c>: SQLite compares text by its
/// bytes, the same order for the ISO dates of <see cref="ChunkRecord.PublishedDate"/>.
/// </summary>
internal static class SqliteFilterTranslator
{
    public static string Translate(Expression<Func<ChunkRecord, bool>> filter, SqliteCommand command, string alias)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var builder = new StringBuilder();
        new Visitor(filter.Parameters[0], command, alias, builder).Write(filter.Body);
        return builder.ToString();
    }

    private sealed class Visitor(ParameterExpression record, SqliteCommand command, string alias, StringBuilder sql)
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
                    WriteComparison(ordered, op);
                    break;
                case BinaryExpression comparison when Operator(comparison.NodeType) is { } op:
                    WriteComparison(comparison, op);
                    break;
                case UnaryExpression { NodeType: ExpressionType.Not } not:
                    sql.Append("(NOT ");
                    Write(not.Operand);
                    sql.Append(')');
                    break;
                case ConstantExpression { Value: bool value }:
                    sql.Append(value ? "1" : "0");
                    break;
                default:
                    throw new NotSupportedException($"Filter expression '{expression}' is not supported; compare a ChunkRecord property with a value.");
            }
        }

        /// <summary>
        /// <c>string.CompareOrdinal(a, b) op 0</c> (or <c>string.Compare(a, b, StringComparison.Ordinal) op 0</c>)
        /// as the comparison <c>a op b</c>; null for any other expression.
        /// </summary>
        private (Expression Left, Expression Right)? OrdinalComparison(BinaryExpression comparison)
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

        private void WriteComparison((Expression Left, Expression Right) ordered, string op) =>
            WriteComparison(ordered.Left, ordered.Right, op, $"{ordered.Left} {op} {ordered.Right}");

        private void WriteComparison(BinaryExpression comparison, string op) =>
            WriteComparison(comparison.Left, comparison.Right, op, comparison.ToString());

        private void WriteComparison(Expression leftOperand, Expression rightOperand, string op, string comparison)
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

            var parameter = "$f" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(parameter, value);
            sql.Append(alias).Append('.').Append(column).Append(' ').Append(op).Append(' ').Append(parameter);
        }

        private string? ColumnOf(Expression expression)
        {
            if (expression is UnaryExpression { NodeType: ExpressionType.Convert } convert)
            {
                expression = convert.Operand;
            }

            if (expression is MemberExpression member && member.Expression == record)
            {
                foreach (var (property, column) in SqliteCommandBuilder.DataColumns)
                {
                    if (property == member.Member.Name)
                    {
                        return column;
                    }
                }

                throw new NotSupportedException($"ChunkRecord.{member.Member.Name} cannot be used in a filter.");
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
