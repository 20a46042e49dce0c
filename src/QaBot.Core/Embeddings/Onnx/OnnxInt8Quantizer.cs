using Google.Protobuf;
using Onnx;

namespace QaBot.Core.Embeddings.Onnx;

/// <summary>
/// Dynamic int8 quantization of a transformer encoder's ONNX graph: every <c>MatMul</c> whose second
/// input is a constant 2-D float weight becomes ONNX Runtime's <c>DynamicQuantizeMatMul</c>
/// (com.microsoft), with the weight stored as int8 and one symmetric scale per output column; the
/// activations are quantized at run time. This is what ONNX Runtime's Python
/// <c>quantize_dynamic</c> does for MatMul, written over OnnxSharp's protobuf types.
/// </summary>
internal static class OnnxInt8Quantizer
{
    private const string MicrosoftDomain = "com.microsoft";

    /// <summary>Reads <paramref name="sourcePath"/>, quantizes it and writes <paramref name="targetPath"/>; returns how many MatMuls were quantized.</summary>
    public static int Quantize(string sourcePath, string targetPath)
    {
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(sourcePath));
        var count = Quantize(model);
        using var output = File.Create(targetPath);
        model.WriteTo(output);
        return count;
    }

    public static int Quantize(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph;
        var initializers = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var uses = graph.Node.SelectMany(n => n.Input).GroupBy(i => i, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var nodes = new List<NodeProto>(graph.Node.Count);
        var quantized = 0;
        foreach (var node in graph.Node)
        {
            if (node.OpType != "MatMul"
                || node.Input.Count != 2
                || !initializers.TryGetValue(node.Input[1], out var weight)
                || weight.Dims.Count != 2
                || weight.DataType != (int)TensorProto.Types.DataType.Float
                || uses[weight.Name] != 1)
            {
                nodes.Add(node);
                continue;
            }

            var rows = checked((int)weight.Dims[0]);
            var columns = checked((int)weight.Dims[1]);
            var values = ReadFloats(weight);
            var (data, scales) = QuantizeColumns(values, rows, columns);

            var quantizedWeight = new TensorProto { Name = weight.Name + "_int8", DataType = (int)TensorProto.Types.DataType.Int8, RawData = ByteString.CopyFrom(data) };
            quantizedWeight.Dims.Add(rows);
            quantizedWeight.Dims.Add(columns);
            var scale = new TensorProto { Name = weight.Name + "_scale", DataType = (int)TensorProto.Types.DataType.Float };
            scale.Dims.Add(columns);
            scale.FloatData.Add(scales);
            var zeroPoint = new TensorProto { Name = weight.Name + "_zero_point", DataType = (int)TensorProto.Types.DataType.Int8, RawData = ByteString.CopyFrom(new byte[columns]) };
            zeroPoint.Dims.Add(columns);

            graph.Initializer.Remove(weight);
            graph.Initializer.Add(quantizedWeight);
            graph.Initializer.Add(scale);
            graph.Initializer.Add(zeroPoint);

            var replacement = new NodeProto { OpType = "DynamicQuantizeMatMul", Domain = MicrosoftDomain, Name = (node.Name.Length > 0 ? node.Name : weight.Name) + "_quant" };
            replacement.Input.Add(node.Input[0]);
            replacement.Input.Add(quantizedWeight.Name);
            replacement.Input.Add(scale.Name);
            replacement.Input.Add(zeroPoint.Name);
            replacement.Output.Add(node.Output[0]);
            nodes.Add(replacement);
            quantized++;
        }

        graph.Node.Clear();
        graph.Node.Add(nodes);
        if (quantized > 0 && !model.OpsetImport.Any(o => o.Domain == MicrosoftDomain))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        }

        return quantized;
    }

    /// <summary>Symmetric per-column int8: scale = max |w| / 127 of the column, q = round(w / scale).</summary>
    internal static (byte[] Data, float[] Scales) QuantizeColumns(float[] values, int rows, int columns)
    {
        var scales = new float[columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                scales[c] = Math.Max(scales[c], Math.Abs(values[(r * columns) + c]));
            }
        }

        for (var c = 0; c < columns; c++)
        {
            scales[c] = scales[c] > 0 ? scales[c] / 127f : 1f;
        }

        var data = new byte[values.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var q = (int)MathF.Round(values[(r * columns) + c] / scales[c]);
                data[(r * columns) + c] = unchecked((byte)(sbyte)Math.Clamp(q, -127, 127));
            }
        }

        return (data, scales);
    }

    private static float[] ReadFloats(TensorProto tensor)
    {
        if (tensor.FloatData.Count > 0)
        {
            return [.. tensor.FloatData];
        }

        var bytes = tensor.RawData.Span;
        var values = new float[bytes.Length / sizeof(float)];
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).CopyTo(values);
        return values;
    }
}
