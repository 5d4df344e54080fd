package org.grl4j.trainer.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code args} object of a {@code {type, args}} configuration entry, as parsed from JSON or
 * YAML (maps, lists, numbers, strings, booleans), with typed getters whose errors name the full key
 * path, the value found and what is allowed.
 */
public final class BlockArgs {

    private final String path;
    private final Map<String, Object> values;

    /**
     * @param path where these args sit in the configuration, e.g. {@code
     *     diffusion_model.model.args.backbone.args}
     * @param values the parsed entries
     */
    public BlockArgs(String path, Map<String, ?> values) {
        this.path = path;
        this.values = values == null ? Map.of() : new LinkedHashMap<>(values);
    }

    /** An args object built in code, for example {@code BlockArgs.of("embed_dim", 32)}. */
    public static BlockArgs of(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new BlockArgs("args", map);
    }

    public String path() {
        return path;
    }

    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** Fails on any key outside {@code allowed}, naming the unknown keys and the allowed ones. */
    public void requireOnly(Set<String> allowed) {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "Unknown key(s) "
                            + unknown
                            + " in "
                            + path
                            + "; allowed: "
                            + new TreeSet<>(allowed));
        }
    }

    public int getInt(String key) {
        return toInt(key, require(key));
    }

    public int getInt(String key, int defaultValue) {
        return has(key) ? getInt(key) : defaultValue;
    }

    public double getDouble(String key, double defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        Object value = values.get(key);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw wrongType(key, value, "a number");
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        Object value = values.get(key);
        if (value instanceof Boolean flag) {
            return flag;
        }
        throw wrongType(key, value, "true or false");
    }

    public String getString(String key, String defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        Object value = values.get(key);
        if (value instanceof String text) {
            return text;
        }
        throw wrongType(key, value, "a string");
    }

    public List<Integer> getIntList(String key) {
        Object value = require(key);
        if (!(value instanceof List<?> list)) {
            throw wrongType(key, value, "a list of integers such as [512, 256, 128]");
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(toInt(key + "[" + i + "]", list.get(i)));
        }
        return out;
    }

    /** A string, or a list of strings, as a list. */
    public List<String> getStringOrList(String key) {
        Object value = require(key);
        if (value instanceof String text) {
            return List.of(text);
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw wrongType(key, value, "a name or a list of names");
    }

    /** A nested {@code {type, args}} object. */
    @SuppressWarnings("unchecked")
    public BlockArgs getObject(String key) {
        Object value = require(key);
        if (value instanceof Map<?, ?> map) {
            return new BlockArgs(path + "." + key, (Map<String, Object>) map);
        }
        throw wrongType(key, value, "an object");
    }

    private Object require(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException(
                    "Missing key " + path + "." + key + "; present keys: " + values.keySet());
        }
        return value;
    }

    private int toInt(String key, Object value) {
        if (value instanceof Number number
                && number.doubleValue() == Math.rint(number.doubleValue())
                && Math.abs(number.doubleValue()) <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        throw wrongType(key, value, "an integer");
    }

    private IllegalArgumentException wrongType(String key, Object value, String expected) {
        return new IllegalArgumentException(
                String.format(
                        Locale.ROOT,
                        "%s.%s must be %s, got %s (%s)",
                        path,
                        key,
                        expected,
                        value,
                        value == null ? "null" : value.getClass().getSimpleName()));
    }
}
