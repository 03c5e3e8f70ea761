package org.relucert.certify;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relucert.InvalidInputException;

/**
 * OUT/results.csv, owned by one run at a time: an exclusive lock on OUT/.lock (released by the operating
 * system if the process dies, so a killed run can be resumed), and every result appended as one whole line
 * in a single write followed by fsync, so a crash loses at most the line being written and never leaves
 * a torn one behind that counts (a partial last line is cut off when the file is reopened).
 */
public final class ResultsFile implements AutoCloseable {
    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final FileChannel out;
    private final Map<String, JobResult> done = new LinkedHashMap<>();

    private ResultsFile(Path dir, boolean resume) throws IOException {
        Files.createDirectories(dir);
        Path lockFile = dir.resolve(".lock");
        lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lockChannel.close();
            throw new InvalidInputException(dir + " is in use by another certify run (" + lockFile
                    + " is locked): wait for it to finish or choose another --out");
        }
        lock = l;
        file = dir.resolve("results.csv");
        boolean exists = Files.exists(file) && Files.size(file) > 0;
        if (exists && !resume) {
            close();
            throw new InvalidInputException(file + " already exists: use --resume to continue that run, or another --out");
        }
        out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        if (exists) {
            readDone();
        }
        if (out.size() == 0) {
            write(JobResult.HEADER + "\n");
        }
        out.position(out.size());
    }

    /** Opens (creating) OUT and takes its lock; with {@code resume} the finished jobs are read back. */
    public static ResultsFile open(Path dir, boolean resume) {
        try {
            return new ResultsFile(dir, resume);
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot open the results: " + e.getMessage(), e);
        }
    }

    private void readDone() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = complete(bytes);
        out.truncate(end); // a line cut off by a crash: dropped, the job runs again
        for (JobResult r : parse(bytes, end)) {
            done.put(r.key(), r);
        }
    }

    /**
     * Every complete result line of a results.csv, in file order (a partial last line is ignored). Does not
     * take the lock: for reading a finished run (e.g. to export it).
     */
    public static List<JobResult> read(Path resultsCsv) {
        try {
            byte[] bytes = Files.readAllBytes(resultsCsv);
            return parse(bytes, complete(bytes));
        } catch (IOException e) {
            throw new InvalidInputException(resultsCsv + ": cannot read the results: " + e.getMessage(), e);
        }
    }

    private static int complete(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return end;
    }

    private static List<JobResult> parse(byte[] bytes, int end) {
        List<JobResult> rows = new ArrayList<>();
        for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
            JobResult r = JobResult.parse(line);
            if (r != null && !line.equals(JobResult.HEADER)) {
                rows.add(r);
            }
        }
        return rows;
    }

    /** Results already in the file (by job key), from an earlier run of the same OUT. */
    public Map<String, JobResult> done() {
        return done;
    }

    public Path file() {
        return file;
    }

    /** Appends one result as a single write, then forces it to disk. */
    public synchronized void append(JobResult r) {
        try {
            write(r.csvLine());
            out.force(false);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": cannot write a result: " + e.getMessage(), e);
        }
    }

    private void write(String s) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
        lock.release();
        lockChannel.close();
    }
}
