package org.grl4j.exporter.onnx;

import org.grl4j.exporter.onnx.proto.OnnxProtos.TensorProto.DataType;

/** The tensor element types the exporter's graphs use, with their ONNX data type codes. */
public enum ElementType {
    /** 32-bit IEEE float: every network value. */
    FLOAT(DataType.FLOAT),
    /** 64-bit signed integer: axes and shapes. */
    INT64(DataType.INT64),
    /** Boolean: comparison results feeding {@code Where}. */
    BOOL(DataType.BOOL);

    private final DataType dataType;

    ElementType(DataType dataType) {
        this.dataType = dataType;
    }

    /** The ONNX {@code TensorProto.DataType} code written into the file. */
    public int code() {
        return dataType.getNumber();
    }
}
