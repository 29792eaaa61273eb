package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** plugin/pom.xml (the real build) and plugin/offline.xml (the build here) must describe the same plugin. */
class PomAgreementTest {
    private static final Path PLUGIN_DIR = Path.of(System.getProperty("signedwebhook.pluginDir", "."));

    @Test
    void sameBaselineAndBom() {
        Map<String, String> real = properties(read("pom.xml"));
        Map<String, String> offline = properties(read("offline.xml"));
        assertThat(resolve(real.get("jenkins.version"), real)).isEqualTo(offline.get("jenkins.version"));
        assertThat(real.get("bom.version")).isEqualTo(offline.get("bom.version"));
    }

    @Test
    void sameBundledJacksonAsTheRestOfTheBuild() {
        Map<String, String> real = properties(read("pom.xml"));
        Map<String, String> root = properties(read("../pom.xml"));
        assertThat(real.get("jackson.version")).isEqualTo(root.get("jackson.version"));
    }

    @Test
    void samePluginDependencies() {
        assertThat(pluginDependenciesOfOfflineManifest()).containsExactlyInAnyOrderElementsOf(pluginDependenciesOfRealPom());
    }

    @Test
    void sameCoordinates() {
        Document real = read("pom.xml");
        Document offline = read("offline.xml");
        assertThat(child(real.getDocumentElement(), "artifactId")).isEqualTo(child(offline.getDocumentElement(), "artifactId"));
        assertThat(child(real.getDocumentElement(), "version"))
                .isEqualTo(child((Element) offline.getElementsByTagName("parent").item(0), "version"));
    }

    @Test
    void theSameOptionalPluginDependenciesMarkedOptionalInBoth() {
        assertThat(optionalPluginDependenciesOfRealPom()).containsExactly("branch-api", "cloudbees-folder", "scm-api");
        assertThat(optionalDependenciesOf(offlineManifestDependencies())).containsExactlyInAnyOrderElementsOf(optionalPluginDependenciesOfRealPom());
    }

    /** Short names of the plugins that pom.xml marks {@code <optional>true</optional>}: resolution:=optional in its manifest. */
    static Set<String> optionalPluginDependenciesOfRealPom() {
        Set<String> names = new TreeSet<>();
        NodeList deps = ((Element) read("pom.xml").getElementsByTagName("dependencies").item(1)).getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            if (child(d, "groupId").startsWith("org.jenkins-ci.plugins") && "true".equals(child(d, "optional"))) {
                names.add(child(d, "artifactId"));
            }
        }
        return names;
    }

    /** The short names marked {@code ;resolution:=optional} in a Plugin-Dependencies value. */
    static Set<String> optionalDependenciesOf(String pluginDependencies) {
        return Arrays.stream(pluginDependencies.split(",")).filter(d -> d.endsWith(";resolution:=optional"))
                .map(d -> d.split(":")[0]).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Short names of the Jenkins plugins pom.xml depends on at run time. */
    static Set<String> pluginDependenciesOfRealPom() {
        Set<String> names = new TreeSet<>();
        NodeList deps = ((Element) read("pom.xml").getElementsByTagName("dependencies").item(1)).getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            boolean plugin = child(d, "groupId").startsWith("org.jenkins-ci.plugins");
            if (plugin && child(d, "scope") == null) {
                names.add(child(d, "artifactId"));
            }
        }
        return names;
    }

    private static Set<String> pluginDependenciesOfOfflineManifest() {
        return Arrays.stream(offlineManifestDependencies().split(",")).map(d -> d.split(":")[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String offlineManifestDependencies() {
        NodeList attributes = read("offline.xml").getElementsByTagName("attribute");
        for (int i = 0; i < attributes.getLength(); i++) {
            Element a = (Element) attributes.item(i);
            if (a.getAttribute("name").equals("Plugin-Dependencies")) {
                return a.getAttribute("value");
            }
        }
        throw new AssertionError("offline.xml writes no Plugin-Dependencies");
    }

    private static Document read(String file) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(PLUGIN_DIR.resolve(file).toFile());
        } catch (Exception e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    private static Map<String, String> properties(Document pom) {
        Map<String, String> props = new HashMap<>();
        NodeList list = pom.getElementsByTagName("properties");
        if (list.getLength() > 0) {
            NodeList children = list.item(0).getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
                    props.put(children.item(i).getNodeName(), children.item(i).getTextContent().strip());
                }
            }
        }
        return props;
    }

    private static String resolve(String value, Map<String, String> props) {
        Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(props.getOrDefault(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && n.getNodeName().equals(name)) {
                return n.getTextContent().strip();
            }
        }
        return null;
    }
}
