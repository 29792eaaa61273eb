package io.jenkins.plugins.signedwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Files this version wrote still name fields of today's classes, so Jenkins' XStream loads them into the next version:
 * renaming a field needs a {@code readResolve} (and a row here), never a silent loss of a setting.
 */
class StoredFormatTest {

    private static Element root(String name) throws Exception {
        try (InputStream in = StoredFormatTest.class.getResourceAsStream("stored-0.1.0/" + name)) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getDocumentElement();
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static void assertEveryElementIsAStoredField(Element stored, Class<?> type, List<String> inheritedFromJenkins) {
        assertThat(children(stored)).isNotEmpty();
        for (Element e : children(stored)) {
            if (inheritedFromJenkins.contains(e.getTagName())) {
                continue;
            }
            Field field = storedField(type, e.getTagName());
            assertThat(Modifier.isTransient(field.getModifiers()) || Modifier.isStatic(field.getModifiers()))
                    .as(e.getTagName() + " is still saved").isFalse();
            String text = e.getTextContent();
            if (field.getType() == int.class) {
                Integer.parseInt(text);
            } else if (field.getType() == boolean.class) {
                assertThat(text).isIn("true", "false");
            } else {
                assertThat(field.getType()).as(e.getTagName()).isEqualTo(String.class);
            }
        }
    }

    /** The field as XStream finds it: declared by the class or one of its superclasses. */
    private static Field storedField(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException notHere) {
                // XStream looks further up the hierarchy, and so does this.
            }
        }
        throw new AssertionError(type.getSimpleName() + " no longer has the stored field '" + name + "'");
    }

    @Test
    void aTriggerSavedByThisVersionNamesOnlyFieldsTheTriggerStillHas() throws Exception {
        Element trigger = (Element) root("freestyle-config.xml").getElementsByTagName(SignedWebhookTrigger.class.getName()).item(0);
        assertEveryElementIsAStoredField(trigger, SignedWebhookTrigger.class, List.of("spec"));
    }

    @Test
    void theGlobalConfigurationSavedByThisVersionNamesOnlyFieldsItStillHas() throws Exception {
        Element config = root(SignedWebhookConfiguration.class.getName() + ".xml");
        assertThat(config.getTagName()).isEqualTo(SignedWebhookConfiguration.class.getName());
        assertEveryElementIsAStoredField(config, SignedWebhookConfiguration.class, List.of());
    }
}
