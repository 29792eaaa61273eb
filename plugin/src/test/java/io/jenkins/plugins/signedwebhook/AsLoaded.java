package io.jenkins.plugins.signedwebhook;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.util.Map;
import sun.reflect.ReflectionFactory;

/**
 * An object as Jenkins' XStream reads it from a config.xml: made without running a constructor or a field's
 * initializer, so every field the file does not name is null, 0 or false, and only the named fields are set.
 */
final class AsLoaded {
    private AsLoaded() {}

    static <T> T from(Class<T> type, Map<String, Object> fields) {
        try {
            Constructor<?> bare = ReflectionFactory.getReflectionFactory()
                    .newConstructorForSerialization(type, Object.class.getDeclaredConstructor());
            T object = type.cast(bare.newInstance());
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                Field field = field(type, e.getKey());
                field.setAccessible(true);
                field.set(object, e.getValue());
            }
            return object;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot make " + type.getSimpleName() + " as XStream does", e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException notHere) {
                // XStream looks in the superclasses too.
            }
        }
        throw new NoSuchFieldException(name);
    }
}
