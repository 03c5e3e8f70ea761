package org.relucert.lp;

import com.google.ortools.Loader;
import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Loads OR-Tools' native libraries from a per-user cache. OR-Tools' own {@link Loader} copies its 104 native
 * libraries (71 MB) out of the jar into a new temporary folder on every start (measured: 3.6 s of an 8.4 s
 * {@code bounds --domain triangle} at load 12 on 2 cores). Here they are extracted once into
 * {@code <cache>/ortools-<platform>-<key>}, where the key is a SHA-256 digest of the jar entries' names, sizes
 * and CRCs (another OR-Tools version gets another folder), and loaded from there afterwards.
 *
 * <p>The cache is {@code -Drelucert.nativeCache=DIR}, else {@code $XDG_CACHE_HOME/relucert}, else
 * {@code ~/.cache/relucert}. A folder is extracted under a temporary name and renamed into place with its
 * completion marker inside, so a killed extraction or two processes extracting at once never leave a folder
 * that is used half-written; a root not owned by this user is not used. Whatever goes wrong, the libraries
 * load as OR-Tools loads them.
 */
final class NativeLibraries {
    /** The file written last into an extracted folder. */
    static final String COMPLETE = ".complete";

    private NativeLibraries() {
    }

    /** Loads the libraries, from the cache where possible, else through OR-Tools' loader. */
    static void load() {
        String resource = "ortools-" + Platform.RESOURCE_PREFIX + "/";
        try {
            Path dir = located(resource);
            if (dir != null) {
                System.load(dir.resolve(System.mapLibraryName("jniortools")).toAbsolutePath().toString());
                return;
            }
        } catch (IOException | UncheckedIOException | UnsatisfiedLinkError | SecurityException
                 | URISyntaxException | ClassCastException e) {
            // the cache is an optimisation: fall back to OR-Tools' own loading
        }
        Loader.loadNativeLibraries();
    }

    /** The folder holding the libraries of {@code resource}: on disk already, or extracted into the cache; null if neither. */
    private static Path located(String resource) throws IOException, URISyntaxException {
        URL url = NativeLibraries.class.getClassLoader().getResource(resource);
        if (url == null) {
            return null;
        }
        if (url.getProtocol().equals("file")) {
            return Path.of(url.toURI());
        }
        Path root = cacheRoot();
        if (root == null || !url.getProtocol().equals("jar")) {
            return null;
        }
        Path jar = Path.of(((JarURLConnection) url.openConnection()).getJarFileURL().toURI());
        return extracted(jar, resource, root);
    }

    /** The cache root, or null where there is none or it is not this user's. */
    private static Path cacheRoot() throws IOException {
        String given = System.getProperty("relucert.nativeCache");
        String xdg = System.getenv("XDG_CACHE_HOME");
        String home = System.getProperty("user.home");
        Path root = given != null ? Path.of(given)
                : xdg != null && !xdg.isEmpty() ? Path.of(xdg, "relucert")
                : home != null ? Path.of(home, ".cache", "relucert") : null;
        if (root == null) {
            return null;
        }
        Files.createDirectories(root);
        if (posix(root) && !Files.getOwner(root).getName().equals(System.getProperty("user.name"))) {
            return null;
        }
        return root;
    }

    /**
     * The folder under {@code root} holding the entries of {@code jar} below {@code prefix} (a folder name
     * ending in '/'), extracting them first when no complete folder of the same key exists.
     */
    static Path extracted(Path jar, String prefix, Path root) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<ZipEntry> entries = new ArrayList<>();
            MessageDigest key = sha256();
            zip.stream().filter(e -> e.getName().startsWith(prefix) && !e.isDirectory()).forEach(e -> {
                entries.add(e);
                key.update((e.getName() + ':' + e.getSize() + ':' + e.getCrc() + ';').getBytes(StandardCharsets.UTF_8));
            });
            if (entries.isEmpty()) {
                throw new IOException(jar + " has no entries under " + prefix);
            }
            String name = prefix.substring(0, prefix.length() - 1) + "-" + HexFormat.of().formatHex(key.digest(), 0, 8);
            Path dir = root.resolve(name);
            if (Files.isRegularFile(dir.resolve(COMPLETE))) {
                return dir;
            }
            removeStale(root, name + ".tmp-");
            Path tmp = posix(root) ? Files.createTempDirectory(root, name + ".tmp-",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                    : Files.createTempDirectory(root, name + ".tmp-");
            try {
                for (ZipEntry e : entries) {
                    Path target = tmp.resolve(e.getName().substring(prefix.length())).normalize();
                    if (!target.startsWith(tmp)) {
                        throw new IOException("entry " + e.getName() + " leaves its folder");
                    }
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, target);
                    }
                }
                Files.writeString(tmp.resolve(COMPLETE), name + "\n");
                try {
                    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileSystemException e) {
                    // another process was first, or a folder lost its marker: a complete one is used, a broken one replaced
                    if (!Files.isRegularFile(dir.resolve(COMPLETE))) {
                        delete(dir);
                        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
                    }
                }
            } finally {
                if (Files.exists(tmp)) {
                    delete(tmp);
                }
            }
            return dir;
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Deletes the temporary folders of extractions that were killed (older than ten minutes). */
    private static void removeStale(Path root, String tmpPrefix) throws IOException {
        long cutoff = System.currentTimeMillis() - 600_000;
        try (Stream<Path> all = Files.list(root)) {
            for (Path p : all.filter(p -> p.getFileName().toString().startsWith(tmpPrefix)).toList()) {
                if (Files.getLastModifiedTime(p).toMillis() < cutoff) {
                    delete(p);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
