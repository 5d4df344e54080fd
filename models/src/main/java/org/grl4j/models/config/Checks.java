package org.grl4j.models.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validation helpers for the compact constructors of the configuration records. Each names the key
 * (relative to its record; {@link ConfigException#under} adds the parent path), the bad value, what
 * is allowed and a fix.
 */
final class Checks {

    /** Device names the trainer understands: cpu, or a CUDA/GPU device with optional index. */
    private static final Pattern DEVICE = Pattern.compile("cpu|(cuda|gpu)(:\\d+)?");

    private Checks() {}

    static <V> V required(String key, V value, String allowed, String fix) {
        if (value == null) {
            throw ConfigException.missing(key, allowed, fix);
        }
        return value;
    }

    static void absent(String key, Object value, String why) {
        if (value != null) {
            throw ConfigException.invalid(
                    key, value, "no " + key + " here (" + why + ")", "remove " + key);
        }
    }

    static int atLeast(String key, int value, int min, String fix) {
        if (value < min) {
            throw ConfigException.invalid(key, value, "an integer >= " + min, fix);
        }
        return value;
    }

    static Integer atLeastIfPresent(String key, Integer value, int min, String fix) {
        return value == null ? null : atLeast(key, value, min, fix);
    }

    static double positive(String key, double value, String fix) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw ConfigException.invalid(key, value, "a finite number > 0", fix);
        }
        return value;
    }

    static double nonNegative(String key, double value, String fix) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw ConfigException.invalid(key, value, "a finite number >= 0", fix);
        }
        return value;
    }

    static double finite(String key, double value, String fix) {
        if (!Double.isFinite(value)) {
            throw ConfigException.invalid(key, value, "a finite number", fix);
        }
        return value;
    }

    /** A device string such as cpu, cuda, cuda:1 or gpu:0; null means "let the trainer choose". */
    static String device(String key, String value) {
        if (value != null && !DEVICE.matcher(value.toLowerCase(Locale.ROOT)).matches()) {
            throw ConfigException.invalid(
                    key,
                    value,
                    "cpu, cuda, cuda:N, gpu or gpu:N",
                    "write the device as cpu or cuda:0 (GenerativeRL's torch.device names)");
        }
        return value;
    }

    /**
     * Looks up a configuration name among an enum's constants, ignoring case.
     *
     * @param found the value read: a name, or any other value (which is then reported as wrong)
     */
    static <E extends Enum<E>> E byName(
            E[] values, Function<E, String> nameOf, Object found, String fix) {
        if (found instanceof String text) {
            for (E value : values) {
                if (nameOf.apply(value).equalsIgnoreCase(text.trim())) {
                    return value;
                }
            }
        }
        throw ConfigException.invalid("", found, "one of " + names(values, nameOf), fix);
    }

    static <E> String names(E[] values, Function<E, String> nameOf) {
        return Arrays.stream(values).map(nameOf).collect(Collectors.joining(", "));
    }
}
