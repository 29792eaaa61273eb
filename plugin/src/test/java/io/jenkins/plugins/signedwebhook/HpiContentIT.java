package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Opens the packed .hpi as Jenkins would and checks that everything real Jenkins needs at run time is inside. */
class HpiContentIT {
    private static final String PLUGIN_JAR = "WEB-INF/lib/signed-webhook.jar";
    private static final List<String> STUB_PREFIXES =
            List.of("hudson/", "jenkins/", "org/kohsuke/", "com/cloudbees/", "org/jenkinsci/", "io/jenkins/plugins/signedwebhook/build/");

    private static Path hpi;
    private static Manifest hpiManifest;
    private static Manifest jarManifest;
    private static Map<String, byte[]> jarEntries;

    @BeforeAll
    static void open() throws IOException {
        hpi = Path.of(System.getProperty("signedwebhook.hpi"));
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            try (InputStream in = zip.getInputStream(zip.getEntry("META-INF/MANIFEST.MF"))) {
                hpiManifest = new Manifest(in);
            }
            try (JarInputStream jar = new JarInputStream(zip.getInputStream(zip.getEntry(PLUGIN_JAR)))) {
                jarManifest = jar.getManifest();
                jarEntries = new LinkedHashMap<>();
                for (var e = jar.getNextJarEntry(); e != null; e = jar.getNextJarEntry()) {
                    jarEntries.put(e.getName(), jar.readAllBytes());
                }
            }
        }
    }

    private static String hpiAttribute(String name) {
        return hpiManifest.getMainAttributes().getValue(name);
    }

    @Test
    void manifestHasEveryKeyCoreReads() {
        for (String key : List.of("Short-Name", "Long-Name", "Url", "Plugin-Version", "Implementation-Version", "Jenkins-Version",
                "Hudson-Version", "Plugin-Dependencies", "Group-Id", "Artifact-Id", "Plugin-License-Name", "Plugin-License-Url",
                "Plugin-ScmUrl", "Plugin-ScmConnection", "Plugin-ScmTag", "Implementation-Build")) {
            assertThat(hpiAttribute(key)).as(key).isNotNull();
        }
        assertThat(hpiAttribute("Short-Name")).isEqualTo("signed-webhook");
        assertThat(hpiAttribute("Jenkins-Version")).isEqualTo("2.479.3");
    }

    @Test
    void pluginDependenciesAreTheBaselineBomVersions() {
        Map<String, String> deps = Arrays.stream(hpiAttribute("Plugin-Dependencies").split(","))
                .map(d -> d.split(":", 2)).collect(Collectors.toMap(d -> d[0], d -> d[1]));
        assertThat(deps).containsEntry("credentials", "1415.v831096eb_5534")
                .containsEntry("plain-credentials", "199.v9f8e1f741799")
                .containsEntry("structs", "350.v3b_30f09f2363")
                .containsEntry("workflow-step-api", "704.ve4f0967e98fa_");
        assertThat(deps.keySet()).containsExactlyInAnyOrderElementsOf(PomAgreementTest.pluginDependenciesOfRealPom());
    }

    @Test
    void branchApiCloudbeesFolderAndScmApiAreOptionalDependenciesSoThePluginLoadsWithoutThem() {
        assertThat(PomAgreementTest.optionalDependenciesOf(hpiAttribute("Plugin-Dependencies")))
                .containsExactly("branch-api", "cloudbees-folder", "scm-api");
        assertThat(PomAgreementTest.optionalDependenciesOf(jarManifest.getMainAttributes().getValue("Plugin-Dependencies")))
                .containsExactly("branch-api", "cloudbees-folder", "scm-api");
    }

    @Test
    void pluginJarCarriesThePluginManifestSoCoreLetsItsClassesBeSaved() {
        assertThat(jarManifest.getMainAttributes().getValue("Short-Name")).isEqualTo("signed-webhook");
        assertThat(jarManifest.getMainAttributes().getValue("Plugin-Version")).isNotBlank();
    }

    @Test
    void bundlesExactlyCoreAndJacksonCoreAndNoStub() throws IOException {
        List<String> libs = new ArrayList<>();
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                if (e.getName().startsWith("WEB-INF/lib/") && e.getName().endsWith(".jar")) {
                    libs.add(e.getName().substring("WEB-INF/lib/".length()));
                    try (JarInputStream jar = new JarInputStream(zip.getInputStream(e))) {
                        for (var entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                            String name = entry.getName();
                            assertThat(STUB_PREFIXES).as("%s in %s", name, e.getName()).noneMatch(name::startsWith);
                        }
                    }
                } else {
                    assertThat(e.getName()).as("only META-INF and WEB-INF at the .hpi root").matches("(META-INF|WEB-INF)/.*");
                }
            }
        }
        assertThat(libs).hasSize(3).contains("signed-webhook.jar")
                .anyMatch(l -> l.startsWith("signed-webhook-core-")).anyMatch(l -> l.startsWith("jackson-core-"));
    }

    @Test
    void extensionIndexListsEveryExtensionClass() throws Exception {
        assertThat(jarEntries).containsKey("META-INF/annotations/hudson.Extension");
        Set<String> indexed = new TreeSet<>();
        for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, getClass().getClassLoader())) {
            indexed.add(item.className());
        }
        assertThat(indexed).containsExactlyInAnyOrderElementsOf(annotatedWith(Extension.class));
        assertThat(indexed).contains(SignedWebhookEndpoint.class.getName(), SignedWebhookTrigger.DescriptorImpl.class.getName());
    }

    @Test
    void symbolIndexListsEverySymbolClassByBinaryName() throws Exception {
        byte[] index = jarEntries.get("META-INF/services/annotations/org.jenkinsci.Symbol");
        assertThat(index).isNotNull();
        Set<String> listed = new String(index, StandardCharsets.UTF_8).lines().map(String::strip)
                .filter(l -> !l.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(annotatedWith(Symbol.class))
                .contains("io.jenkins.plugins.signedwebhook.SignedWebhookTrigger$DescriptorImpl");
    }

    @Test
    void everyViewAndHelpFileIsInThePluginJar() throws IOException {
        Path resources = Path.of(System.getProperty("signedwebhook.pluginDir"), "src/main/resources");
        List<String> expected;
        try (Stream<Path> files = Files.walk(resources)) {
            expected = files.filter(Files::isRegularFile).map(p -> resources.relativize(p).toString().replace('\\', '/')).toList();
        }
        assertThat(expected).contains("index.jelly", "io/jenkins/plugins/signedwebhook/SignedWebhookTrigger/config.jelly");
        assertThat(jarEntries.keySet()).containsAll(expected);
    }

    @Test
    void everyTriggerStepAndConfigurationFieldHasHelpAndValidation() {
        Map<Class<?>, Class<?>> descriptors = Map.of(SignedWebhookTrigger.class, SignedWebhookTrigger.DescriptorImpl.class,
                NotifyWebhookStep.class, NotifyWebhookStep.DescriptorImpl.class,
                SignedWebhookConfiguration.class, SignedWebhookConfiguration.class);
        for (Map.Entry<Class<?>, Class<?>> pair : descriptors.entrySet()) {
            Class<?> describable = pair.getKey();
            Class<?> descriptor = pair.getValue();
            for (Map.Entry<String, Class<?>> field : boundFields(describable).entrySet()) {
                String folder = describable.getName().replace('.', '/').replace('$', '/');
                assertThat(jarEntries).as("help for %s", field.getKey()).containsKey(folder + "/help-" + field.getKey() + ".html");
                // A checkbox has nothing to validate; a map (notifyWebhook's data) is not a form field and is checked when the step starts.
                if (field.getValue() != boolean.class && !Map.class.isAssignableFrom(field.getValue())) {
                    String check = "doCheck" + Character.toUpperCase(field.getKey().charAt(0)) + field.getKey().substring(1);
                    assertThat(Arrays.stream(descriptor.getMethods()).map(Method::getName)).as("validation of %s", field.getKey()).contains(check);
                }
            }
        }
    }

    @Test
    void boundConstructorParametersKeepTheirNames() {
        for (Constructor<?> c : SignedWebhookTrigger.class.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                assertThat(c.getParameters()).allMatch(Parameter::isNamePresent);
                assertThat(Arrays.stream(c.getParameters()).map(Parameter::getName)).containsExactly("repository", "credentialsId");
            }
        }
    }

    /** Field name to type, from {@code @DataBoundConstructor} parameters and {@code @DataBoundSetter} setters. */
    private static Map<String, Class<?>> boundFields(Class<?> type) {
        Map<String, Class<?>> fields = new LinkedHashMap<>();
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    fields.put(p.getName(), p.getType());
                }
            }
        }
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class) && m.getName().startsWith("set")) {
                fields.put(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4), m.getParameterTypes()[0]);
            }
        }
        assertThat(fields).as("bound fields of %s", type).isNotEmpty();
        return fields;
    }

    private static Set<String> annotatedWith(Class<? extends java.lang.annotation.Annotation> annotation) throws ClassNotFoundException {
        Set<String> names = new TreeSet<>();
        for (String entry : jarEntries.keySet()) {
            if (entry.endsWith(".class")) {
                String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
                if (Class.forName(name, false, HpiContentIT.class.getClassLoader()).isAnnotationPresent(annotation)) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
