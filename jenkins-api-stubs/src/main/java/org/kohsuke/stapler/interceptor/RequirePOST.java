package org.kohsuke.stapler.interceptor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stub of stapler 1903.1905.ve5a_f469356f0 {@code RequirePOST}, without its {@code @InterceptorAnnotation}
 * meta-annotation and nested processor, which only the real jar needs at run time.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD})
public @interface RequirePOST {}
