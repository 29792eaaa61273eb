package org.kohsuke.stapler.verb;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stub of stapler 1903.1905.ve5a_f469356f0 {@code org.kohsuke.stapler.verb.POST}, without its
 * {@code @InterceptorAnnotation} meta-annotation, which only the real jar needs at run time.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface POST {}
