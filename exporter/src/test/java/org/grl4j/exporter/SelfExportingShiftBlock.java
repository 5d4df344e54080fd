package org.grl4j.exporter;

import java.util.List;
import org.grl4j.exporter.block.ExportContext;
import org.grl4j.exporter.block.OnnxExportable;
import org.grl4j.exporter.onnx.DualValue;

/** {@link ShiftBlock} with its exporter beside it, as a user would write it. */
final class SelfExportingShiftBlock extends ShiftBlock implements OnnxExportable {

    SelfExportingShiftBlock(int width) {
        super(width);
    }

    @Override
    public List<DualValue> exportOnnx(List<DualValue> inputs, ExportContext context) {
        DualValue shift = context.linear(projection(), "projection", inputs.get(0));
        return List.of(context.tangents().add(inputs.get(1), shift));
    }
}
