package io.jenkins.plugins.signedwebhook.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * A stub constant must not be a compile-time constant, or javac would inline the stub's value into the
 * plugin; only the ones that are compile-time constants in the real API may be.
 */
class StubConstantsTest {
    private static final Set<String> REAL_COMPILE_TIME_CONSTANTS = Set.of();

    @Test
    void objectConstantsAreNullAndPrimitiveOnesAreTheRealCompileTimeConstants() throws Exception {
        List<String> primitive = new ArrayList<>();
        List<String> notNull = new ArrayList<>();
        for (Class<?> stub : stubClasses()) {
            if (stub.isEnum()) {
                continue;
            }
            for (Field field : stub.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) || !Modifier.isFinal(modifiers) || Modifier.isPrivate(modifiers)
                        || field.isSynthetic()) {
                    continue;
                }
                String name = stub.getName() + "." + field.getName();
                if (field.getType().isPrimitive() || field.getType() == String.class) {
                    primitive.add(name);
                    continue;
                }
                field.setAccessible(true);
                if (field.get(null) != null) {
                    notNull.add(name);
                }
            }
        }
        assertThat(primitive).containsExactlyInAnyOrderElementsOf(REAL_COMPILE_TIME_CONSTANTS);
        assertThat(notNull).isEmpty();
    }

    private static List<Class<?>> stubClasses() throws Exception {
        Path root = Path.of(JenkinsRule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                if (!name.startsWith("io.jenkins.plugins.signedwebhook.")) {
                    classes.add(Class.forName(name, true, StubConstantsTest.class.getClassLoader()));
                }
            }
        }
        return classes;
    }
}
