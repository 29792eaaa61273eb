package io.jenkins.plugins.signedwebhook.build;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Writes the {@code Messages} class that localizer-maven-plugin's {@code generate} goal writes for every
 * {@code Messages.properties}, because that plugin cannot be resolved from Maven Central (its annotation-indexer
 * parent is not there): for each key {@code A.b}, {@code String A_b(Object... as the pattern has)} formatting through
 * {@code org.jvnet.localizer.ResourceBundleHolder}, and {@code Localizable _A_b(...)}. The real plugin build runs
 * the real goal on the same files.
 *
 * <p>Usage: {@code MessagesGenerator <resources directory> <output source directory>}.
 */
public final class MessagesGenerator {
    private MessagesGenerator() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: MessagesGenerator <resources directory> <output source directory>");
        }
        generate(Path.of(args[0]), Path.of(args[1]));
    }

    /** Generates one class per {@code Messages.properties} under {@code resources}; returns the files written. */
    public static List<Path> generate(Path resources, Path output) throws IOException {
        List<Path> written = new ArrayList<>();
        if (!Files.isDirectory(resources)) {
            return written;
        }
        List<Path> bundles;
        try (Stream<Path> files = Files.walk(resources)) {
            bundles = files.filter(p -> p.getFileName().toString().equals("Messages.properties")).sorted().toList();
        }
        for (Path bundle : bundles) {
            Path relative = resources.relativize(bundle.getParent());
            String pkg = relative.toString().replace(bundle.getFileSystem().getSeparator(), ".");
            Path target = output.resolve(relative).resolve("Messages.java");
            Files.createDirectories(target.getParent());
            Files.writeString(target, source(pkg, keysInOrder(bundle), load(bundle)), StandardCharsets.UTF_8);
            written.add(target);
        }
        return written;
    }

    static String source(String pkg, List<String> keys, Properties values) {
        StringBuilder java = new StringBuilder();
        java.append("// CHECKSTYLE:OFF\n\n");
        if (!pkg.isEmpty()) {
            java.append("package ").append(pkg).append(";\n\n");
        }
        java.append("import org.jvnet.localizer.Localizable;\nimport org.jvnet.localizer.ResourceBundleHolder;\n\n");
        java.append("/** Generated from Messages.properties, as localizer-maven-plugin does. */\n");
        java.append("@SuppressWarnings({\"all\"})\npublic class Messages {\n\n");
        java.append("    private static final ResourceBundleHolder holder = ResourceBundleHolder.get(Messages.class);\n");
        for (String key : keys) {
            String value = values.getProperty(key);
            int arity = new MessageFormat(value).getFormatsByArgumentIndex().length;
            String method = identifier(key);
            StringBuilder params = new StringBuilder();
            StringBuilder passed = new StringBuilder();
            for (int i = 0; i < arity; i++) {
                params.append(i == 0 ? "" : ", ").append("Object arg").append(i);
                passed.append(", arg").append(i);
            }
            java.append("\n    /** Key {@code ").append(key).append("}: {@code ").append(javadocSafe(value)).append("}. */\n");
            java.append("    public static String ").append(method).append('(').append(params).append(") {\n");
            java.append("        return holder.format(\"").append(key).append('"').append(passed).append(");\n    }\n");
            java.append("\n    /** Key {@code ").append(key).append("}, to be formatted later. */\n");
            java.append("    public static Localizable _").append(method).append('(').append(params).append(") {\n");
            java.append("        return new Localizable(holder, \"").append(key).append('"').append(passed).append(");\n    }\n");
        }
        java.append("}\n");
        return java.toString();
    }

    /** The key as localizer names its method: every character that cannot be in a Java name becomes {@code _}. */
    static String identifier(String key) {
        StringBuilder name = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = i == 0 ? Character.isJavaIdentifierStart(c) : Character.isJavaIdentifierPart(c);
            name.append(ok ? c : '_');
        }
        return name.toString();
    }

    private static String javadocSafe(String value) {
        return value.replace("*/", "*&#47;").replace("\n", " ").replace("{", "&#123;").replace("}", "&#125;")
                .replace("@", "&#64;").replace("\\u", "\\\\u");
    }

    private static Properties load(Path bundle) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(bundle, StandardCharsets.ISO_8859_1)) {
            p.load(in);
        }
        return p;
    }

    /** The keys in the order the file lists them (Properties forgets it), so the class reads like the file. */
    private static List<String> keysInOrder(Path bundle) throws IOException {
        Properties all = load(bundle);
        List<String> keys = new ArrayList<>();
        Properties one = new Properties();
        StringBuilder logical = new StringBuilder();
        for (String line : Files.readAllLines(bundle, StandardCharsets.ISO_8859_1)) {
            logical.append(line).append('\n');
            if (line.endsWith("\\") && !line.endsWith("\\\\")) {
                continue;
            }
            one.clear();
            try {
                one.load(new java.io.StringReader(logical.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            logical.setLength(0);
            for (String k : one.stringPropertyNames()) {
                if (all.containsKey(k) && !keys.contains(k)) {
                    keys.add(k);
                }
            }
        }
        return keys;
    }
}
