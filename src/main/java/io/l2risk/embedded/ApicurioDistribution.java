package io.l2risk.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Apicurio Registry server distribution ({@code apicurio-registry-app-<version>-all.zip}
 * from Maven Central) and unpacks it once into a cache dir that several JVMs can share.
 */
final class ApicurioDistribution {

    static final String VERSION = "2.6.13.Final";
    static final String ZIP_NAME = "apicurio-registry-app-" + VERSION + "-all.zip";
    static final String RUNNER_JAR = "apicurio-registry-app-" + VERSION + "-runner.jar";
    static final String ZIP_PROPERTY = "l2risk.apicurio.zip";
    static final String ZIP_ENV = "L2RISK_APICURIO_ZIP";
    /** Written last into an unpacked dir; a dir without it is half-unpacked and is redone. */
    static final String MARKER = ".l2risk-unpacked";

    private static final Logger log = LoggerFactory.getLogger(ApicurioDistribution.class);
    /** FileLock guards against other JVMs only; threads of this JVM queue here first. */
    private static final Object UNPACK_MONITOR = new Object();

    /** Where the distribution was found and where to unpack it unless told otherwise. */
    record Located(Path path, String source, Path defaultCacheDir) {
        boolean isDirectory() {
            return Files.isDirectory(path);
        }
    }

    private ApicurioDistribution() {
    }

    /**
     * Finds the distribution, first match wins: {@code explicit} (zip or unpacked dir) &gt; system
     * property {@value #ZIP_PROPERTY} &gt; environment {@value #ZIP_ENV} &gt;
     * {@code target/apicurio/<zip>} under {@code workingDir} &gt; the local Maven repository.
     *
     * @param explicit a path set in code, or null; if set it must exist
     * @throws EmbeddedServiceException listing every place tried when nothing is found
     */
    static Located locate(Path explicit, UnaryOperator<String> systemProperties, UnaryOperator<String> environment,
            Path workingDir, Path userHome) {
        Path userCache = userHome.resolve(".cache").resolve("l2-risk-monitor").resolve("apicurio").resolve(VERSION);
        if (explicit != null) {
            if (!Files.exists(explicit)) {
                throw new EmbeddedServiceException("The Apicurio Registry distribution configured at " + explicit
                        + " does not exist (expected " + ZIP_NAME + " or the directory it unpacks to)");
            }
            return new Located(explicit, "explicit path", siblingCacheDir(explicit));
        }
        List<String> tried = new ArrayList<>();
        String property = systemProperties.apply(ZIP_PROPERTY);
        if (property != null && !property.isBlank()) {
            Path path = Path.of(property);
            if (Files.exists(path)) {
                return new Located(path, "system property " + ZIP_PROPERTY, siblingCacheDir(path));
            }
            tried.add("system property " + ZIP_PROPERTY + " = " + path + " (missing)");
        } else {
            tried.add("system property " + ZIP_PROPERTY + " (not set)");
        }
        String env = environment.apply(ZIP_ENV);
        if (env != null && !env.isBlank()) {
            Path path = Path.of(env);
            if (Files.exists(path)) {
                return new Located(path, "environment " + ZIP_ENV, siblingCacheDir(path));
            }
            tried.add("environment " + ZIP_ENV + " = " + path + " (missing)");
        } else {
            tried.add("environment " + ZIP_ENV + " (not set)");
        }
        Path target = workingDir.resolve("target").resolve("apicurio").resolve(ZIP_NAME).toAbsolutePath();
        if (Files.exists(target)) {
            return new Located(target, "build output", siblingCacheDir(target));
        }
        tried.add(target + " (missing)");
        Path m2 = userHome.resolve(".m2").resolve("repository").resolve("io").resolve("apicurio")
                .resolve("apicurio-registry-app").resolve(VERSION).resolve(ZIP_NAME);
        if (Files.exists(m2)) {
            // Not next to the zip: the local Maven repository is no place for unpacked files.
            return new Located(m2, "local Maven repository", userCache);
        }
        tried.add(m2 + " (missing)");
        throw new EmbeddedServiceException("Apicurio Registry " + VERSION + " distribution not found. Run `mvn package`"
                + " first (it fetches io.apicurio:apicurio-registry-app:" + VERSION + ":zip:all into target/apicurio),"
                + " or point " + ZIP_PROPERTY + " / " + ZIP_ENV + " at the zip. Tried: " + String.join("; ", tried));
    }

    /** {@code <dir of the zip>/<version>}; for an unpacked dir, the dir itself. */
    private static Path siblingCacheDir(Path zipOrDir) {
        Path absolute = zipOrDir.toAbsolutePath();
        return Files.isDirectory(absolute) ? absolute : absolute.resolveSibling(VERSION);
    }

    /**
     * The runner jar of an unpacked distribution dir.
     *
     * @throws EmbeddedServiceException if {@code dir} does not hold one
     */
    static Path runnerJar(Path dir) {
        Path jar = dir.resolve(RUNNER_JAR);
        if (!Files.isRegularFile(jar) || !Files.isDirectory(dir.resolve("lib"))) {
            throw new EmbeddedServiceException(dir + " is not an unpacked Apicurio Registry " + VERSION
                    + " distribution (no " + RUNNER_JAR + " with lib/ beside it)");
        }
        return jar;
    }

    /**
     * Unpacks {@code zip} into {@code targetDir} unless a complete unpack of the same zip is already
     * there, and returns {@code targetDir}.
     *
     * <p>Safe for concurrent JVMs and threads: the work happens under a file lock next to the target,
     * into a temp dir that is moved into place atomically once complete (with its marker file). A
     * target dir without a matching marker (interrupted unpack, other zip) is deleted and redone.
     */
    static Path ensureUnpacked(Path zip, Path targetDir) {
        Path target = targetDir.toAbsolutePath().normalize();
        try {
            String stamp = stamp(zip);
            if (isComplete(target, stamp)) {
                return target;
            }
            Path parent = Files.createDirectories(target.getParent());
            Path lockFile = parent.resolve(target.getFileName() + ".lock");
            synchronized (UNPACK_MONITOR) {
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    FileLock lock = channel.lock();
                    try {
                        // Another JVM may have finished it while we waited for the lock.
                        if (!isComplete(target, stamp)) {
                            unpack(zip, target, stamp);
                        }
                        return target;
                    } finally {
                        lock.release();
                    }
                }
            }
        } catch (IOException e) {
            throw new EmbeddedServiceException("Cannot unpack the Apicurio Registry distribution " + zip
                    + " into " + target, e);
        }
    }

    /** Call with the lock held: staging dir, extract, marker, atomic move. */
    private static void unpack(Path zip, Path target, String stamp) throws IOException {
        if (Files.exists(target)) {
            log.info("Removing incomplete or outdated Apicurio Registry unpack at {}", target);
            Dirs.deleteRecursively(target);
        }
        long startNanos = System.nanoTime();
        Path staging = Files.createTempDirectory(target.getParent(), target.getFileName() + ".unpacking-");
        try {
            extract(zip, staging);
            runnerJar(staging);
            Files.writeString(staging.resolve(MARKER), stamp);
            moveIntoPlace(staging, target);
        } finally {
            Dirs.deleteRecursively(staging);
        }
        log.info("Unpacked {} into {} in {} ms", zip.getFileName(), target,
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    /** Extracts every entry of {@code zip} below {@code dir}, refusing entries that would land outside it. */
    static void extract(Path zip, Path dir) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = zipFile.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("Refusing zip entry '" + entry.getName() + "' of " + zip
                            + ": it would be written outside " + root);
                }
                if (out.equals(root)) {
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = zipFile.getInputStream(entry)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    /** Identifies the zip's content cheaply: entry count and the runner jar's CRC from the central directory. */
    private static String stamp(Path zip) throws IOException {
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            ZipEntry runner = zipFile.getEntry(RUNNER_JAR);
            if (runner == null) {
                throw new EmbeddedServiceException(zip + " is not the Apicurio Registry " + VERSION
                        + " distribution: it has no " + RUNNER_JAR);
            }
            return "version=" + VERSION + "\nentries=" + zipFile.size() + "\nrunner.crc="
                    + Long.toHexString(runner.getCrc()) + "\n";
        }
    }

    private static boolean isComplete(Path target, String stamp) throws IOException {
        Path marker = target.resolve(MARKER);
        return Files.isRegularFile(marker) && Files.readString(marker).equals(stamp);
    }

    private static void moveIntoPlace(Path staging, Path target) throws IOException {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Same parent dir, so this only happens on odd file systems; the marker still protects us.
            Files.move(staging, target);
        }
    }
}
