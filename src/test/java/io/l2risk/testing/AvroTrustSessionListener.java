package io.l2risk.testing;

import io.l2risk.serde.AvroClassTrust;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs Avro's trust in the generated classes before any test runs, as {@code Main} does for the
 * application: generated builders resolve enum defaults by class name, which Avro 1.12.2 refuses
 * for untrusted classes.
 */
public final class AvroTrustSessionListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        AvroClassTrust.install();
    }
}
