package org.relucert.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.relucert.InvalidInputException;

/**
 * A result file that is never torn and has one writer: every {@link #write} goes to a temporary file in
 * the same folder, which then replaces the file by an atomic move (a kill leaves the old complete file or
 * the new complete one); a lock file {@code <file>.lock} held with an operating-system lock refuses a second
 * run writing the same file (the lock dies with the process, so a killed run leaves no stale lock); and a
 * shutdown hook writes the {@linkplain #onStop stop content} (e.g. "timeout") when the JVM is stopped
 * (SIGTERM, Ctrl-C) before {@link #close}.
 */
public final class ResultFile implements AutoCloseable {
    private final Path file;
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;
    private final Thread hook;
    private String stopContent;
    private Runnable stopAction = () -> { };
    private boolean stopped;

    private ResultFile(Path file, Path lockFile, FileChannel channel, FileLock lock) {
        this.file = file;
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
        this.hook = new Thread(this::stop, "relucert-result-" + file.getFileName());
    }

    /**
     * Locks {@code file} for this run and installs the shutdown hook.
     *
     * @param what the option that named the file, for messages (e.g. "--out")
     * @throws InvalidInputException when another run holds the lock or the folder cannot be written
     */
    public static ResultFile open(Path file, String what) {
        Path abs = file.toAbsolutePath();
        Path lockFile = abs.resolveSibling(abs.getFileName() + ".lock");
        FileChannel channel;
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new InvalidInputException(what + " " + file + ": cannot create the lock file " + lockFile + ": "
                    + e.getMessage());
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new InvalidInputException(what + " " + file + ": cannot lock " + lockFile + ": " + e.getMessage());
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new InvalidInputException(what + " " + file + ": another relucert run is writing this file (lock "
                    + lockFile + " is held); use another output file or wait for that run");
        }
        ResultFile r = new ResultFile(abs, lockFile, channel, lock);
        Runtime.getRuntime().addShutdownHook(r.hook);
        return r;
    }

    /** The content written when the JVM is stopped before {@link #close} (null: leave the file as it is). */
    public synchronized void onStop(String content, Runnable action) {
        this.stopContent = content;
        this.stopAction = action == null ? () -> { } : action;
    }

    /** Replaces the file's content atomically; does nothing once the run was stopped. */
    public synchronized void write(String content) {
        if (!stopped) {
            writeAtomically(file, content);
        }
    }

    /** Writes {@code content} to {@code file} through a temporary file in the same folder and an atomic move. */
    public static void writeAtomically(Path file, String content) {
        Path abs = file.toAbsolutePath();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                out.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
                out.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new InvalidInputException("cannot write " + file + ": " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the move took it, or the folder is gone
                }
            }
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (stopContent != null) {
                writeAtomically(file, stopContent);
            }
            stopAction.run();
        } catch (RuntimeException e) {
            System.err.println("relucert: " + e.getMessage());
        } finally {
            release();
        }
    }

    /** Ends the run normally: removes the shutdown hook, releases and deletes the lock file. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already: the hook will find the run stopped
        }
        release();
    }

    private void release() {
        try {
            Files.deleteIfExists(lockFile);
            lock.release();
        } catch (IOException ignored) {
            // the lock dies with the channel
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
