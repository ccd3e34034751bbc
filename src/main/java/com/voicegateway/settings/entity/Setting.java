package com.voicegateway.settings.entity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The MicroProfile Config property behind one component of a settings record, and its default.
 * The default is written here, or, for the settings the fault-tolerance annotations also read, in
 * {@code META-INF/microprofile-config.properties} (and then not here): either way once.
 * A component without a default anywhere is {@code Optional<String>}, empty when unset.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Setting {

    /** Marks "no default written here"; not a value anyone would configure. */
    String NONE = "\u0000none";

    /** The property name, e.g. {@code gateway.upstream.total-timeout-ms}. */
    String name();

    /** The default as MicroProfile Config would read it; {@link #NONE} when there is none here. */
    String defaultValue() default NONE;
}
