package io.jenkins.plugins.signedwebhook.build;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A stub constant must not be a compile-time constant, or javac would inline the stub's value into the
 * plugin; only the ones that are compile-time constants in the real API may be.
 */
class StubConstantsTest {

    /** A class of the stubs jar to check; jenkins-test-stubs runs the same check on its own jar. */
    Class<?> anchor() {
        return Extension.class;
    }

    Set<String> realCompileTimeConstants() {
        return Set.of("hudson.model.PeriodicWork.MIN", "hudson.model.PeriodicWork.HOUR", "hudson.model.PeriodicWork.DAY");
    }

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
        assertThat(primitive).containsExactlyInAnyOrderElementsOf(realCompileTimeConstants());
        assertThat(notNull).isEmpty();
    }

    private List<Class<?>> stubClasses() throws Exception {
        Path root = Path.of(anchor().getProtectionDomain().getCodeSource().getLocation().toURI());
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
