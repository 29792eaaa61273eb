package io.jenkins.plugins.signedwebhook.build;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The plugin's idioms (trigger with descriptor and form methods, root action with crumb exclusion, global
 * configuration, Pipeline step, background work, management link) compile against the stubs without
 * warnings (SezPoz still prints a note per extension), and come out with both indexes and parameter names.
 */
class SamplePluginCompilationTest {
    @TempDir
    static Path workDir;

    private static SampleCompilation compiled;

    @BeforeAll
    static void compileSamplePlugin() throws Exception {
        Path sources = Path.of(SamplePluginCompilationTest.class.getResource("/sample-plugin").toURI());
        compiled = SampleCompilation.compileTree(workDir, sources,
                // -try: "try (ACLContext ignored = ACL.as2(ACL.SYSTEM2))" is the documented idiom.
                "-parameters", "-Xlint:all,-processing,-rawtypes,-try", "-Werror");
    }

    @Test
    void compilesWithoutWarnings() {
        assertThat(compiled.succeeded()).as(compiled.diagnostics()).isTrue();
        assertThat(compiled.diagnostics()).doesNotContain("warning");
    }

    @Test
    void symbolIndexListsEverySymbolInBinaryNameOrder() throws Exception {
        Path index = compiled.output().resolve("META-INF/services/annotations/org.jenkinsci.Symbol");

        assertThat(Files.readAllLines(index, StandardCharsets.UTF_8)).containsExactly(
                "sample.HookConfiguration",
                "sample.HookTrigger$DescriptorImpl",
                "sample.NotifyStep$DescriptorImpl");
    }

    @Test
    void extensionIndexListsEveryExtension() throws Exception {
        List<String> indexed = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {compiled.output().toUri().toURL()}, getClass().getClassLoader())) {
            for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, loader)) {
                indexed.add(item.className());
            }
        }

        assertThat(indexed).containsExactlyInAnyOrder(
                "sample.Background$DeliveryLog",
                "sample.Background$JobDeliveries",
                "sample.Background$Outbox",
                "sample.Background$Reindex",
                "sample.HookConfiguration",
                "sample.HookEndpoint",
                "sample.HookEndpoint$Exclusion",
                "sample.HookTrigger$DescriptorImpl",
                "sample.NotifyStep$DescriptorImpl");
    }

    @Test
    void boundConstructorsKeepTheirParameterNames() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {compiled.output().toUri().toURL()}, getClass().getClassLoader())) {
            for (String type : List.of("sample.HookTrigger", "sample.NotifyStep")) {
                Constructor<?> bound = Arrays.stream(loader.loadClass(type).getConstructors())
                        .filter(c -> c.isAnnotationPresent(DataBoundConstructor.class))
                        .findFirst()
                        .orElseThrow();
                assertThat(bound.getParameters()).allMatch(Parameter::isNamePresent);
            }
        }
    }
}
