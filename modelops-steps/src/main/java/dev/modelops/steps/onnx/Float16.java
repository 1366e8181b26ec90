package dev.modelops.steps.onnx;

/**
 * IEEE 754 half-precision conversion (Java 17 has no {@code Float.floatToFloat16}), rounding to
 * nearest; out-of-range values become infinity, tiny ones subnormal or zero.
 */
final class Float16 {
    private Float16() {
    }

    static short fromFloat(float value) {
        int bits = Float.floatToIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int magnitude = bits & 0x7fffffff;
        if (magnitude >= 0x7f800000) {
            return (short) (sign | 0x7c00 | (magnitude > 0x7f800000 ? 0x200 : 0));
        }
        int rounded = magnitude + 0x1000;
        if (rounded >= 0x47800000) {
            return (short) (sign | 0x7c00);
        }
        if (rounded >= 0x38800000) {
            return (short) (sign | ((rounded - 0x38000000) >>> 13));
        }
        if (magnitude < 0x33000000) {
            return (short) sign;
        }
        int exponent = magnitude >>> 23;
        return (short) (sign | (((magnitude & 0x7fffff) | 0x800000) + (0x800000 >>> (exponent - 102)) >>> (126 - exponent)));
    }

    static float toFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            if (mantissa == 0) {
                return Float.intBitsToFloat(sign);
            }
            float v = mantissa / 1024f / 16384f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
