package io.jenkins.plugins.signedwebhook.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import hudson.Extension;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No stub may silently return a value: every body throws {@code UnsupportedOperationException("stub")}. The stubs checked
 * are those of the jar that holds {@link #anchor()}; jenkins-test-stubs runs the same checks on its own jar.
 */
class StubBodiesTest {
    private static final String OWN_PACKAGE = "io/jenkins/plugins/signedwebhook/";

    @Test
    void everyPublicStaticMethodThrows() throws Exception {
        List<Method> checked = new ArrayList<>();
        for (Class<?> stub : stubClasses()) {
            for (Method method : stub.getDeclaredMethods()) {
                if (!isStubbed(stub, method) || !Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                Throwable thrown = catchThrowable(() -> method.invoke(null, defaultArguments(method)));
                assertStubThrow(method, thrown);
                checked.add(method);
            }
        }
        assertThat(checked).extracting(Method::getName).contains(staticMethodsSurelyChecked());
    }

    @Test
    void everyPublicDefaultMethodThrows() throws Exception {
        List<Method> checked = new ArrayList<>();
        for (Class<?> stub : stubClasses()) {
            if (!stub.isInterface() || stub.isAnnotation()) {
                continue;
            }
            Object proxy = Proxy.newProxyInstance(stub.getClassLoader(), new Class<?>[] {stub}, (InvocationHandler)
                    (self, method, args) -> InvocationHandler.invokeDefault(self, method, args));
            for (Method method : stub.getDeclaredMethods()) {
                if (!method.isDefault() || !Modifier.isPublic(method.getModifiers())) {
                    continue;
                }
                Throwable thrown = catchThrowable(() -> method.invoke(proxy, defaultArguments(method)));
                assertStubThrow(method, thrown);
                checked.add(method);
            }
        }
        if (defaultMethodsSurelyChecked().length > 0) {
            assertThat(checked).extracting(Method::getName).contains(defaultMethodsSurelyChecked());
        }
    }

    @Test
    void everyMethodAndConstructorBodyIsTheStubThrow() throws Exception {
        List<String> notStubbed = new ArrayList<>();
        int bodies = 0;
        for (Path classFile : stubClassFiles()) {
            StubClassFile file = StubClassFile.read(classFile);
            for (StubClassFile.Method method : file.methods()) {
                if (method.code() == null || isCompilerGenerated(file, method)
                        || StubClassFile.isImplicitConstructor(method)) {
                    continue;
                }
                bodies++;
                boolean constructor = method.name().equals("<init>");
                if (!file.throwsStub(method.code(), !constructor)) {
                    notStubbed.add(stubsRoot().relativize(classFile) + " " + method.name() + method.descriptor());
                }
            }
        }
        assertThat(bodies).isPositive();
        assertThat(notStubbed).isEmpty();
    }

    private static boolean isCompilerGenerated(StubClassFile file, StubClassFile.Method method) {
        if ((method.access() & (StubClassFile.ACC_BRIDGE | StubClassFile.ACC_SYNTHETIC)) != 0
                || method.name().equals("<clinit>")) {
            return true;
        }
        return file.isEnum() && (method.name().equals("values") || method.name().equals("valueOf")
                || method.name().equals("<init>"));
    }

    private static boolean isStubbed(Class<?> stub, Method method) {
        return Modifier.isPublic(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()
                && !Modifier.isAbstract(method.getModifiers())
                && !(stub.isEnum() && (method.getName().equals("values") || method.getName().equals("valueOf")));
    }

    private static void assertStubThrow(Method method, Throwable thrown) {
        assertThat(thrown).as(method.toGenericString()).isInstanceOf(InvocationTargetException.class);
        assertThat(thrown.getCause()).as(method.toGenericString())
                .isExactlyInstanceOf(UnsupportedOperationException.class)
                .hasMessage("stub");
    }

    private static Object[] defaultArguments(Method method) {
        Class<?>[] types = method.getParameterTypes();
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            arguments[i] = defaultValue(types[i]);
        }
        return arguments;
    }

    private static Object defaultValue(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == float.class) {
            return 0F;
        }
        if (type == double.class) {
            return 0D;
        }
        if (type == byte.class) {
            return (byte) 0;
        }
        if (type == short.class) {
            return (short) 0;
        }
        return 0;
    }

    private List<Class<?>> stubClasses() throws IOException, ClassNotFoundException {
        List<Class<?>> classes = new ArrayList<>();
        for (Path classFile : stubClassFiles()) {
            String name = stubsRoot().relativize(classFile).toString()
                    .replace(classFile.getFileSystem().getSeparator(), ".")
                    .replaceAll("\\.class$", "");
            classes.add(Class.forName(name, false, StubBodiesTest.class.getClassLoader()));
        }
        return classes;
    }

    private List<Path> stubClassFiles() throws IOException {
        Path root = stubsRoot();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .filter(file -> !root.relativize(file).toString().replace('\\', '/').startsWith(OWN_PACKAGE))
                    .sorted()
                    .toList();
        }
    }

    /** A class of the stubs jar to check. */
    Class<?> anchor() {
        return Extension.class;
    }

    /** Names that must be among the static methods checked, so that the scan cannot pass by finding nothing. */
    String[] staticMethodsSurelyChecked() {
        return new String[] {"lookup", "get"};
    }

    /** Likewise for default methods; empty for a jar whose interfaces have none. */
    String[] defaultMethodsSurelyChecked() {
        return new String[] {"hasPermission"};
    }

    private Path stubsRoot() {
        try {
            return Path.of(anchor().getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
