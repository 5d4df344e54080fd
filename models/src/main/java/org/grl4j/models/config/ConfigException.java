package org.grl4j.models.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A configuration that cannot be used, with a message a user can act on: where the problem is (file
 * and key path such as {@code diffusion_model.path.beta_1}, or line and column for a syntax error),
 * the value found, what is allowed, and how to fix it.
 *
 * <p>Every problem in reading or validating a configuration surfaces as this one unchecked type;
 * the parser's own exceptions are translated, never shown as the message. Instances are immutable:
 * {@link #under} and {@link #withSource} return new instances.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Longest rendering of a found value before it is shortened with an ellipsis. */
    private static final int MAX_VALUE_CHARS = 80;

    /** The text used as the found value of a key that is absent. */
    static final String MISSING = "nothing (the key is missing)";

    private final String source;
    private final String keyPath;
    private final String found;
    private final String allowed;
    private final String fix;
    private final int line;
    private final int column;

    private ConfigException(
            String source,
            String keyPath,
            String found,
            String allowed,
            String fix,
            int line,
            int column) {
        super(compose(source, keyPath, found, allowed, fix, line, column));
        this.source = source;
        this.keyPath = keyPath;
        this.found = found;
        this.allowed = allowed;
        this.fix = fix;
        this.line = line;
        this.column = column;
    }

    /**
     * A value that is present but not allowed.
     *
     * @param keyPath the key, relative to the object being validated (callers higher up prefix
     *     their own path with {@link #under}); empty for the object itself
     * @param found the value found: a string, number, {@link JsonNode} or null
     * @param allowed what would be accepted, e.g. "a number greater than 0"
     * @param fix how to correct the configuration
     */
    public static ConfigException invalid(
            String keyPath, Object found, String allowed, String fix) {
        return new ConfigException(null, keyPath, describe(found), allowed, fix, -1, -1);
    }

    /**
     * Like {@link #invalid}, but {@code foundText} is a description shown as written (not quoted),
     * e.g. {@code unknown key "x"}.
     */
    static ConfigException invalidDescribed(
            String keyPath, String foundText, String allowed, String fix) {
        return new ConfigException(null, keyPath, foundText, allowed, fix, -1, -1);
    }

    /** A required key that is absent (or null). */
    public static ConfigException missing(String keyPath, String allowed, String fix) {
        return new ConfigException(null, keyPath, MISSING, allowed, fix, -1, -1);
    }

    /** A problem with the file itself (unreadable, wrong extension), not with a key in it. */
    public static ConfigException file(String source, String found, String allowed, String fix) {
        return new ConfigException(source, null, found, allowed, fix, -1, -1);
    }

    /**
     * A document that cannot be parsed.
     *
     * @param format the format being parsed, e.g. "YAML"
     * @param line 1-based line of the problem
     * @param column 1-based column of the problem
     * @param problem what the parser expected and found
     */
    public static ConfigException syntax(String format, int line, int column, String problem) {
        String found = "malformed " + format + " (" + problem + ")";
        String allowed = "well-formed " + format;
        String fix = "correct the " + format + " syntax at line " + line + ", column " + column;
        return new ConfigException(null, null, found, allowed, fix, line, column);
    }

    /** This problem located inside {@code parentPath}: the key path becomes parent.key. */
    public ConfigException under(String parentPath) {
        if (keyPath == null) {
            return this;
        }
        return copy(source, join(parentPath, keyPath));
    }

    /** This problem attributed to a file or other named source, shown first in the message. */
    public ConfigException withSource(String sourceName) {
        return copy(sourceName, keyPath);
    }

    /**
     * Joins two key paths: {@code join("a.b", "c") = "a.b.c"}, {@code join("a", "[2]") = "a[2]"}.
     */
    static String join(String parent, String child) {
        if (parent == null || parent.isEmpty()) {
            return child;
        }
        if (child == null || child.isEmpty()) {
            return parent;
        }
        return child.startsWith("[") ? parent + child : parent + "." + child;
    }

    /** The key path of the problem, e.g. {@code parameter.lr}; empty for the document root. */
    public String keyPath() {
        return keyPath == null ? "" : keyPath;
    }

    /** The value found, as shown in the message. */
    public String found() {
        return found;
    }

    /** What would have been accepted. */
    public String allowed() {
        return allowed;
    }

    /** How to correct the configuration. */
    public String fix() {
        return fix;
    }

    /** The file or other source named in the message, or null. */
    public String source() {
        return source;
    }

    /** 1-based line of a syntax error, or -1 for other problems. */
    public int line() {
        return line;
    }

    /** 1-based column of a syntax error, or -1 for other problems. */
    public int column() {
        return column;
    }

    private ConfigException copy(String newSource, String newKeyPath) {
        ConfigException copy =
                new ConfigException(newSource, newKeyPath, found, allowed, fix, line, column);
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    private static String compose(
            String source,
            String keyPath,
            String found,
            String allowed,
            String fix,
            int line,
            int column) {
        StringBuilder message = new StringBuilder();
        if (source != null) {
            message.append(source).append(": ");
        }
        if (line > 0) {
            message.append("line ").append(line).append(", column ").append(column).append(": ");
        } else if (keyPath != null) {
            message.append(keyPath.isEmpty() ? "configuration root" : keyPath).append(": ");
        }
        message.append("found ").append(found);
        message.append("; allowed: ").append(allowed);
        message.append(". Fix: ").append(fix);
        if (!fix.endsWith(".")) {
            message.append('.');
        }
        return message.toString();
    }

    /** Renders a found value: strings quoted, containers shortened, absent nodes as missing. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof JsonNode node) {
            if (node.isMissingNode()) {
                return MISSING;
            }
            if (node.isTextual()) {
                return quote(node.textValue());
            }
            return shorten(node.toString());
        }
        if (value instanceof CharSequence text) {
            return quote(text.toString());
        }
        return shorten(String.valueOf(value));
    }

    private static String quote(String text) {
        return shorten("\"" + text + "\"");
    }

    private static String shorten(String text) {
        if (text.length() <= MAX_VALUE_CHARS) {
            return text;
        }
        return text.substring(0, MAX_VALUE_CHARS - 3) + "...";
    }
}
