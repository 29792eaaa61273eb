package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * branch-api, cloudbees-folder and scm-api are optional dependencies: the plugin installs and works without them.
 * Jenkins loads an optional extension only when the classes it needs are there, so only the multibranch classes may
 * name theirs, and no other class may name a multibranch class (loading it would need them).
 */
class OptionalDependenciesTest {
    /** Package prefixes of the optional plugins, as they appear in class files. */
    private static final String PLUGIN_PACKAGE = "io.jenkins.plugins.signedwebhook.";
    private static final List<String> OPTIONAL_PACKAGES = List.of("jenkins/branch/", "com/cloudbees/hudson/plugins/folder/", "jenkins/scm/");
    /** The classes that need the optional plugins; each is reached only through an optional extension. */
    private static final Set<String> MULTIBRANCH_CLASSES = Set.of("SignedWebhookFolderTrigger", "SignedWebhookFolderTrigger$DescriptorImpl",
            "MultibranchProjects", "SignedPushHeadEvent", "SignedPushHeadEvent$Resolution");

    private static Path classesDirectory() throws Exception {
        return Path.of(WebhookService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static List<Path> pluginClasses() throws Exception {
        Path root = classesDirectory();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".class")).toList();
        }
    }

    private static String simpleName(Path classFile) {
        String name = classFile.getFileName().toString();
        return name.substring(0, name.length() - ".class".length());
    }

    @Test
    void onlyTheMultibranchClassesNameAClassOfAnOptionalPlugin() throws Exception {
        List<String> offenders = new ArrayList<>();
        List<String> multibranch = new ArrayList<>();
        for (Path file : pluginClasses()) {
            boolean namesOptional = constants(file).stream().anyMatch(c -> OPTIONAL_PACKAGES.stream().anyMatch(c::contains));
            if (MULTIBRANCH_CLASSES.contains(simpleName(file))) {
                multibranch.add(simpleName(file));
            } else if (namesOptional) {
                offenders.add(simpleName(file));
            }
        }
        assertThat(offenders).as("always-loaded classes naming branch-api, cloudbees-folder or scm-api").isEmpty();
        assertThat(multibranch).containsExactlyInAnyOrderElementsOf(MULTIBRANCH_CLASSES);
    }

    @Test
    void noAlwaysLoadedClassNamesAMultibranchClass() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (Path file : pluginClasses()) {
            if (MULTIBRANCH_CLASSES.contains(simpleName(file))) {
                continue;
            }
            for (String constant : constants(file)) {
                if (MULTIBRANCH_CLASSES.stream().anyMatch(m -> constant.contains("signedwebhook/" + m))) {
                    offenders.add(simpleName(file) + " -> " + constant);
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    /** Loads the plugin's classes as Jenkins would without branch-api, cloudbees-folder and scm-api installed. */
    private static URLClassLoader withoutOptionalPlugins() throws Exception {
        ClassLoader withoutThem = new ClassLoader(OptionalDependenciesTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                String path = name.replace('.', '/');
                boolean pluginClass = name.startsWith(PLUGIN_PACKAGE) && name.indexOf('.', PLUGIN_PACKAGE.length()) < 0;
                if (pluginClass || OPTIONAL_PACKAGES.stream().anyMatch(path::startsWith)) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
        return new URLClassLoader(new URL[] {classesDirectory().toUri().toURL()}, withoutThem);
    }

    @Test
    void everyOtherClassLoadsWithoutTheOptionalPlugins() throws Exception {
        try (URLClassLoader loader = withoutOptionalPlugins()) {
            for (Path file : pluginClasses()) {
                String name = classesDirectory().relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (MULTIBRANCH_CLASSES.contains(simpleName(file))) {
                    continue;
                }
                Class<?> c = Class.forName(name, false, loader);
                assertThat(c.getClassLoader()).isSameAs(loader);
                c.getDeclaredMethods();
                c.getDeclaredFields();
                c.getDeclaredConstructors();
            }
        }
    }

    @Test
    void theMultibranchExtensionsFailToLoadWithoutBranchApiSoJenkinsSkipsThem() throws Exception {
        try (URLClassLoader loader = withoutOptionalPlugins()) {
            for (String name : List.of("MultibranchProjects", "SignedWebhookFolderTrigger$DescriptorImpl")) {
                assertThatThrownBy(() -> Class.forName(PLUGIN_PACKAGE + name, true, loader)).isInstanceOf(LinkageError.class);
            }
        }
    }

    @Test
    void theMultibranchExtensionsAreOptional() throws Exception {
        assertThat(SignedWebhookFolderTrigger.DescriptorImpl.class.getAnnotation(hudson.Extension.class).optional()).isTrue();
        assertThat(MultibranchProjects.class.getAnnotation(hudson.Extension.class).optional()).isTrue();
    }

    @Test
    void theScanOfConstantsSeesWhatAClassNames() throws Exception {
        Path folderTrigger = classesDirectory().resolve("io/jenkins/plugins/signedwebhook/SignedWebhookFolderTrigger.class");
        assertThat(constants(folderTrigger)).anyMatch(c -> c.contains("com/cloudbees/hudson/plugins/folder/computed/ComputedFolder"));
    }

    /** Every UTF-8 constant of a class file: the names of the classes, fields, methods and types it refers to. */
    private static List<String> constants(Path classFile) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(classFile); DataInputStream in = new DataInputStream(raw)) {
            in.readInt();
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> out.add(in.readUTF());
                    case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                    case 15 -> in.skipBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                    case 5, 6 -> {
                        in.skipBytes(8);
                        i++;
                    }
                    default -> throw new IOException("unknown constant tag " + tag + " in " + classFile);
                }
            }
        }
        return out;
    }
}
