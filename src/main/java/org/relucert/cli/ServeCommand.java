package org.relucert.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.relucert.InvalidInputException;
import org.relucert.serve.ApiServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code relucert serve}: the relaxation explorer page and the JSON API (docs/serve-api.md). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        header = "Serve the interactive relaxation explorer and its JSON API.",
        description = {"Serve the relaxation explorer (an interactive page: functions and networks, every domain's"
                + " bounds on a box you drag, gap maps, precision searches, Table 1) and its JSON API, which mirrors"
                + " the CLI (POST /api/bounds, /api/gap, /api/precision, /api/gapmap, /api/encode, /api/classify;"
                + " docs/serve-api.md). Stop it with Ctrl-C."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "address to bind (default: ${DEFAULT-VALUE}, this machine only)")
    String host;

    @Option(names = "--workers", defaultValue = "2", description = "computations run at once (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--time-limit", defaultValue = "60", paramLabel = "S",
            description = "seconds one request may compute before it is cancelled (default: ${DEFAULT-VALUE})")
    double timeLimit;

    @Option(names = "--max-request-bytes", defaultValue = "8388608",
            description = "largest request body, e.g. an uploaded network (default: ${DEFAULT-VALUE})")
    long maxRequestBytes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new InvalidInputException("--port must be from 0 to 65535, got " + port);
        }
        if (workers < 1 || workers > 64) {
            throw new InvalidInputException("--workers must be from 1 to 64, got " + workers);
        }
        if (!(timeLimit > 0)) {
            throw new InvalidInputException("--time-limit must be positive, got " + timeLimit);
        }
        if (maxRequestBytes < 1024) {
            throw new InvalidInputException("--max-request-bytes must be at least 1024, got " + maxRequestBytes);
        }
        ApiServer server;
        try {
            server = ApiServer.start(new ApiServer.Settings(host, port, workers, timeLimit, maxRequestBytes));
        } catch (RuntimeException e) {
            throw new InvalidInputException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("relucert explorer: open " + server.url() + " in a browser (API: " + server.url()
                + "api/..., docs/serve-api.md); Ctrl-C stops it");
        if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
            out.println("note: listening on " + host + ", not only this machine; the API has no authentication");
        }
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
