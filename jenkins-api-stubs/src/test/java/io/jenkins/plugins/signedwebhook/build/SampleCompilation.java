package io.jenkins.plugins.signedwebhook.build;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles sample plugin sources against the stubs the way the offline plugin build does: processors found on the class path. */
final class SampleCompilation {
    private final Path output;
    private final String diagnostics;
    private final boolean success;

    private SampleCompilation(Path output, String diagnostics, boolean success) {
        this.output = output;
        this.diagnostics = diagnostics;
        this.success = success;
    }

    /** Sources keyed by binary-ish path, e.g. {@code "sample/Hook.java"}. */
    static SampleCompilation compile(Path workDir, Map<String, String> sources, String... extraOptions) throws IOException {
        Path src = Files.createDirectories(workDir.resolve("src"));
        Path out = Files.createDirectories(workDir.resolve("classes"));
        List<File> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file.toFile());
        }
        List<String> options = new ArrayList<>(List.of(
                "--release", "17", "-proc:full", "-encoding", "UTF-8",
                "-classpath", stubsClassPath(), "-d", out.toString()));
        options.addAll(List.of(extraOptions));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter log = new StringWriter();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = fileManager.getJavaFileObjectsFromFiles(files);
            boolean ok = javac.getTask(log, fileManager, null, options, null, units).call();
            return new SampleCompilation(out, log.toString(), ok);
        }
    }

    /** Compiles every {@code .java} file under {@code sourceRoot}, keyed by its path relative to it. */
    static SampleCompilation compileTree(Path workDir, Path sourceRoot, String... extraOptions) throws IOException {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(sourceRoot.relativize(file).toString(), Files.readString(file));
            }
        }
        return compile(workDir, sources, extraOptions);
    }

    /** The stubs' own classes plus the Central jars a plugin compiles against, as Maven puts them on the class path. */
    static String stubsClassPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String marker : List.of(
                "hudson.Extension",
                "net.java.sezpoz.Indexable",
                "edu.umd.cs.findbugs.annotations.NonNull",
                // jsr305 (through Guava): without it javac warns about @CheckForNull's meta-annotation.
                "javax.annotation.Nonnull",
                "jakarta.servlet.http.HttpServletRequest",
                "org.springframework.security.core.Authentication",
                "com.google.common.util.concurrent.FutureCallback")) {
            entries.add(locationOf(marker));
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String locationOf(String className) {
        try {
            Class<?> type = Class.forName(className, false, SampleCompilation.class.getClassLoader());
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("Cannot locate " + className + " on the test class path", e);
        }
    }

    boolean succeeded() {
        return success;
    }

    String diagnostics() {
        return diagnostics;
    }

    Path output() {
        return output;
    }

    /** A class loader over the compiled sample and the stubs, for reflection on the result. */
    URLClassLoader classLoader() throws IOException {
        List<java.net.URL> urls = new ArrayList<>();
        urls.add(output.toUri().toURL());
        for (String entry : stubsClassPath().split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        return new URLClassLoader(urls.toArray(new java.net.URL[0]), ClassLoader.getPlatformClassLoader());
    }

    static String lines(String... lines) {
        return List.of(lines).stream().collect(Collectors.joining("\n", "", "\n"));
    }
}
