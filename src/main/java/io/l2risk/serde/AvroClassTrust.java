package io.l2risk.serde;

import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets Avro 1.12.2+ instantiate generated classes when reading SpecificRecords.
 *
 * <p>Since 1.12.2 Avro loads every class it finds by name through {@code ClassSecurityValidator}, which
 * by default trusts only a few JDK types, so reading into a generated class fails with
 * "Forbidden io.l2risk.avro.X! This class is not trusted" unless {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES}
 * is set. {@link #install()} extends Avro's JVM-wide policy (keeping whatever it trusted before) to
 * classes produced by Avro's code generator — those implementing {@code SpecificRecord},
 * {@code GenericEnumSymbol} or {@code GenericFixed} — which are exactly the classes a SpecificRecord
 * reader instantiates. Arbitrary classes named in a schema (the concern behind the check) stay forbidden.
 */
public final class AvroClassTrust {

    private static final Logger log = LoggerFactory.getLogger(AvroClassTrust.class);

    private AvroClassTrust() {
    }

    /** Installs the extended policy once; later calls are free. Called by deserializers that read SpecificRecords. */
    public static synchronized void install() {
        ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        if (current instanceof GeneratedClasses) {
            return;
        }
        ClassSecurityValidator.setGlobal(new GeneratedClasses(current));
        log.debug("Avro class security: trusting generated SpecificRecord, enum and fixed classes in addition to {}",
                current);
    }

    /** True for classes Avro's code generator produces. */
    static boolean isGenerated(Class<?> type) {
        return SpecificRecord.class.isAssignableFrom(type)
                || (type.isEnum() && GenericEnumSymbol.class.isAssignableFrom(type))
                || GenericFixed.class.isAssignableFrom(type);
    }

    private static final class GeneratedClasses implements ClassSecurityPredicate {
        private final ClassSecurityPredicate previous;

        GeneratedClasses(ClassSecurityPredicate previous) {
            this.previous = previous;
        }

        @Override
        public boolean isTrusted(Class<?> type) {
            return isGenerated(type) || previous.isTrusted(type);
        }

        @Override
        public void forbiddenClass(String className) {
            previous.forbiddenClass(className);
        }

        @Override
        public String toString() {
            return "generated Avro classes + " + previous;
        }
    }
}
