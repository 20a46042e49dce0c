using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Microsoft.Data.Sqlite;

namespace QaBot.Core.Storage;

/// <summary>
/// Translates a VectorData filter over <see cref="ChunkRecord"/> into a parameterized SQL condition.
/// Supports comparisons (== != &lt; &lt;= &gt; &gt;=) between a data property and a value (a constant or
/// a captured variable), combined with &amp;&amp;, || and !, and boolean constants.
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
