package io.jenkins.plugins.signedwebhook.build;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a plugin compiled against the stubs gets from the processors on their class path. */
class PluginCompilationTest {
    private static final String HOOK = SampleCompilation.lines(
            "package sample;",
            "",
            "import hudson.Extension;",
            "import org.jenkinsci.Symbol;",
            "import org.kohsuke.stapler.DataBoundConstructor;",
            "",
            "public class Hook {",
            "    private final String repository;",
            "",
            "    @DataBoundConstructor",
            "    public Hook(String repository) {",
            "        this.repository = repository;",
            "    }",
            "",
            "    public String getRepository() {",
            "        return repository;",
            "    }",
            "",
            "    @Extension",
            "    @Symbol(\"signedWebhook\")",
            "    public static class DescriptorImpl {",
            "    }",
            "}");

    private static final String PLAIN = SampleCompilation.lines(
            "package sample;",
            "",
            "public class Plain {",
            "}");

    @TempDir
    Path workDir;

    @Test
    void sezpozIndexesAnExtensionClass() throws Exception {
        SampleCompilation compiled = compileSample();

        assertThat(compiled.output().resolve("META-INF/annotations/hudson.Extension")).isRegularFile();
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {compiled.output().toUri().toURL()}, getClass().getClassLoader())) {
            List<String> indexed = new ArrayList<>();
            for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, loader)) {
                indexed.add(item.className());
            }
            assertThat(indexed).containsExactly("sample.Hook$DescriptorImpl");
        }
    }

    @Test
    void symbolIndexListsTheBinaryNameOfANestedDescriptor() throws Exception {
        SampleCompilation compiled = compileSample();

        Path index = compiled.output().resolve("META-INF/services/annotations/org.jenkinsci.Symbol");
        assertThat(Files.readAllLines(index, StandardCharsets.UTF_8)).containsExactly("sample.Hook$DescriptorImpl");
    }

    @Test
    void symbolIndexKeepsTheEntriesOfAnEarlierIncrementalCompilation() throws Exception {
        compileSample();
        String later = SampleCompilation.lines(
                "package sample;",
                "",
                "@org.jenkinsci.Symbol(\"notifyWebhook\")",
                "public class Later {",
                "}");

        SampleCompilation compiled = SampleCompilation.compile(workDir, Map.of("sample/Later.java", later));

        assertThat(compiled.succeeded()).as(compiled.diagnostics()).isTrue();
        Path index = compiled.output().resolve("META-INF/services/annotations/org.jenkinsci.Symbol");
        assertThat(Files.readAllLines(index, StandardCharsets.UTF_8))
                .containsExactly("sample.Hook$DescriptorImpl", "sample.Later");
    }

    @Test
    void symbolIndexIsNotWrittenUnderSezpozFolder() throws Exception {
        SampleCompilation compiled = compileSample();

        assertThat(compiled.output().resolve("META-INF/annotations/org.jenkinsci.Symbol")).doesNotExist();
    }

    @Test
    void noIndexIsWrittenWithoutAnnotatedClasses() throws Exception {
        SampleCompilation compiled = SampleCompilation.compile(workDir, Map.of("sample/Plain.java", PLAIN));

        assertThat(compiled.succeeded()).as(compiled.diagnostics()).isTrue();
        assertThat(compiled.output().resolve("META-INF")).doesNotExist();
    }

    @Test
    void parametersFlagKeepsDataBoundConstructorParameterNames() throws Exception {
        SampleCompilation compiled = compileSample("-parameters");

        try (URLClassLoader loader = compiled.classLoader()) {
            Constructor<?> constructor = loader.loadClass("sample.Hook").getConstructor(String.class);
            Parameter parameter = constructor.getParameters()[0];
            assertThat(constructor.isAnnotationPresent(loader.loadClass("org.kohsuke.stapler.DataBoundConstructor")
                    .asSubclass(java.lang.annotation.Annotation.class))).isTrue();
            assertThat(parameter.isNamePresent()).isTrue();
            assertThat(parameter.getName()).isEqualTo("repository");
        }
    }

    @Test
    void withoutParametersFlagTheNamesAreMissing() throws Exception {
        SampleCompilation compiled = compileSample();

        try (URLClassLoader loader = compiled.classLoader()) {
            Parameter parameter = loader.loadClass("sample.Hook").getConstructor(String.class).getParameters()[0];
            assertThat(parameter.isNamePresent()).isFalse();
        }
    }

    private SampleCompilation compileSample(String... options) throws IOException {
        SampleCompilation compiled = SampleCompilation.compile(workDir, Map.of("sample/Hook.java", HOOK), options);
        assertThat(compiled.succeeded()).as(compiled.diagnostics()).isTrue();
        return compiled;
    }
}
