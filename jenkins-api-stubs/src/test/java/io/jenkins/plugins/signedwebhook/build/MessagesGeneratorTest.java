package io.jenkins.plugins.signedwebhook.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.localizer.Localizable;

class MessagesGeneratorTest {
    @TempDir
    Path dir;

    private Class<?> generateAndLoad(String properties) throws Exception {
        Path resources = dir.resolve("resources");
        Path pkg = resources.resolve("sample/text");
        Files.createDirectories(pkg);
        Files.writeString(pkg.resolve("Messages.properties"), properties, StandardCharsets.ISO_8859_1);
        Path out = dir.resolve("generated");
        List<Path> written = MessagesGenerator.generate(resources, out);
        assertThat(written).containsExactly(out.resolve("sample/text/Messages.java"));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String classpath = Path.of(Localizable.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        int rc = javac.run(null, null, null, "-d", out.toString(), "-cp", classpath, written.get(0).toString());
        assertThat(rc).as("generated source compiles").isZero();
        Files.copy(pkg.resolve("Messages.properties"), out.resolve("sample/text/Messages.properties"));
        URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader());
        return loader.loadClass("sample.text.Messages");
    }

    @Test
    void eachKeyBecomesAFormattingMethodWithAsManyArgumentsAsItsPatternUses() throws Exception {
        Class<?> messages = generateAndLoad("""
                Trigger.DisplayName=Build when GitHub delivers a signed push
                Cause.Push=Started by GitHub push to {0} by {1}, delivery {0}
                Check.Missing=No credential ''{0}'' is visible to this job.
                Multi.Line=first \\
                  second {1}
                """);

        assertThat(messages.getMethod("Trigger_DisplayName").invoke(null)).isEqualTo("Build when GitHub delivers a signed push");
        Method push = messages.getMethod("Cause_Push", Object.class, Object.class);
        assertThat(push.invoke(null, "main", "alice")).isEqualTo("Started by GitHub push to main by alice, delivery main");
        assertThat(messages.getMethod("Check_Missing", Object.class).invoke(null, "gh")).isEqualTo("No credential 'gh' is visible to this job.");
        assertThat(messages.getMethod("Multi_Line", Object.class, Object.class).invoke(null, "a", "b")).isEqualTo("first second b");
        Object later = messages.getMethod("_Cause_Push", Object.class, Object.class).invoke(null, "main", "bob");
        assertThat(later).isInstanceOf(Localizable.class).hasToString("Started by GitHub push to main by bob, delivery main");
    }

    @Test
    void methodsFollowTheFileOrder() throws Exception {
        generateAndLoad("B.second=2\nA.first=1\n");
        String source = Files.readString(dir.resolve("generated/sample/text/Messages.java"));
        assertThat(source.indexOf("B_second(")).isLessThan(source.indexOf("A_first("));
        assertThat(new File(dir.resolve("generated").toFile(), "sample/text/Messages.java")).exists();
    }
}
