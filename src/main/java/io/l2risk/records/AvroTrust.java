package io.l2risk.records;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Lets Avro instantiate this project's generated classes by name.
 *
 * <p>Since 1.12.1 Avro refuses to load a class named by a schema unless it is trusted (a guard
 * against gadget classes in attacker-supplied schemas). Reading SpecificRecords resolves the class
 * from the writer schema's full name, so the generated package {@code io.l2risk.avro} must be
 * trusted. Only that package is added; everything else keeps Avro's own policy, including the
 * {@code org.apache.avro.SERIALIZABLE_*} system properties.
 */
public final class AvroTrust {

    /** The package of the classes generated from {@code schemas/*.avsc}. */
    public static final String GENERATED_PACKAGE = "io.l2risk.avro";

    private static volatile boolean installed;

    private AvroTrust() {
    }

    /** Adds trust for {@value #GENERATED_PACKAGE} to Avro's global class policy. Idempotent. */
    public static void trustGeneratedClasses() {
        if (installed) {
            return;
        }
        synchronized (AvroTrust.class) {
            if (!installed) {
                ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
                ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                        previous, type -> GENERATED_PACKAGE.equals(type.getPackageName())));
                installed = true;
            }
        }
    }
}
