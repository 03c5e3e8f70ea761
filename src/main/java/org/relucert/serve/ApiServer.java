package org.relucert.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.util.function.Function;
import org.relucert.InvalidInputException;
import org.relucert.domains.Domains;
import org.relucert.io.StrictJson;
import org.relucert.net.Box;

/**
 * {@code relucert serve}: a Javalin (Jetty 12) server with the relaxation explorer page ({@code /}, from the
 * class path's {@code /serve}, ECharts from its WebJar) and the JSON API of docs/serve-api.md. Every POST
 * endpoint takes one JSON document; a bad request answers 4xx with {@code {"error": message}} (the message
 * the CLI prints for the same mistake), an internal error 500 with a one-line message, never a stack trace.
 */
public final class ApiServer implements AutoCloseable {

    /** Server settings: where to listen, how many workers, the time limit of one request, the largest body. */
    public record Settings(String host, int port, int workers, double timeLimitSeconds, long maxRequestBytes) {
        /** 127.0.0.1:8080, 2 workers, 60 s, 8 MiB. */
        public static Settings defaults() {
            return new Settings("127.0.0.1", 8080, 2, 60, 8L << 20);
        }
    }

    private final Javalin app;
    private final Jobs jobs;
    private final Settings settings;

    private ApiServer(Settings settings) {
        this.settings = settings;
        this.jobs = new Jobs(settings.workers(), settings.timeLimitSeconds());
        Analyses analyses = new Analyses(jobs);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = settings.maxRequestBytes();
            config.staticFiles.add("/serve", Location.CLASSPATH);
            config.staticFiles.enableWebjars();
            config.routes.post("/api/bounds", ctx -> post(ctx, analyses::bounds));
            config.routes.post("/api/gap", ctx -> post(ctx, analyses::gap));
            config.routes.post("/api/precision", ctx -> post(ctx, analyses::precision));
            config.routes.post("/api/gapmap", ctx -> post(ctx, analyses::gapMap));
            config.routes.post("/api/encode", ctx -> post(ctx, quick(Views::encode)));
            config.routes.post("/api/classify", ctx -> post(ctx, quick(Views::classify)));
            config.routes.post("/api/network", ctx -> post(ctx, quick(Views::network)));
            config.routes.post("/api/graph", ctx -> post(ctx, quick(Views::graph)));
            config.routes.post("/api/lines", ctx -> post(ctx, quick(Views::lines)));
            config.routes.get("/api/examples", ctx -> answer(ctx, 200, Examples.document()));
            config.routes.get("/api/table1", ctx -> answer(ctx, 200, Views.table1()));
            config.routes.get("/api/progress/{id}", ctx -> {
                ObjectNode p = jobs.progress(ctx.pathParam("id"));
                answer(ctx, p == null ? 404 : 200, p == null ? error("no running request '" + ctx.pathParam("id") + "'") : p);
            });
            config.routes.post("/api/cancel/{id}", ctx -> {
                boolean done = jobs.cancel(ctx.pathParam("id"));
                answer(ctx, done ? 200 : 404, done ? Documents.MAPPER.createObjectNode().put("cancelled", ctx.pathParam("id"))
                        : error("no running request '" + ctx.pathParam("id") + "'"));
            });
            config.routes.error(404, ctx -> {
                if (!answered(ctx)) {
                    answer(ctx, 404, error("no such endpoint: " + ctx.method() + " " + ctx.path()));
                }
            });
            config.routes.error(405, ctx -> answer(ctx, 405, error("method " + ctx.method() + " not allowed on " + ctx.path())));
        });
    }

    /** A describing endpoint, also run in the worker pool (and so under the time limit). */
    private Function<JsonNode, ObjectNode> quick(Function<JsonNode, ObjectNode> endpoint) {
        return req -> jobs.run(null, 1, p -> endpoint.apply(req));
    }

    /** Starts a server; port 0 picks a free port (see {@link #port()}). */
    public static ApiServer start(Settings settings) {
        warmUp();
        ApiServer s = new ApiServer(settings);
        s.app.start(settings.host(), settings.port());
        return s;
    }

    /**
     * Loads the LP solver's native libraries on this thread before any request: the page cancels requests
     * (interrupting their worker), and an interrupt while the libraries are unpacked leaves them unusable.
     * Also makes the first LP request as fast as the later ones.
     */
    private static void warmUp() {
        Domains.parse("triangle").analyse(Examples.network("max2"), Box.cube(2, 0, 1));
    }

    /** The port listened on. */
    public int port() {
        return app.port();
    }

    /** The page's address. */
    public String url() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return "http://" + host + ":" + port() + "/";
    }

    @Override
    public void close() {
        app.stop();
        jobs.shutdown();
    }

    private void post(Context ctx, Function<JsonNode, ObjectNode> endpoint) {
        try {
            long length = ctx.contentLength();
            if (length > settings.maxRequestBytes()) {
                answer(ctx, 413, error("request too large: " + length + " bytes, the limit is "
                        + settings.maxRequestBytes() + " (serve --max-request-bytes)"));
                return;
            }
            JsonNode req = StrictJson.parse(ctx.body(), "request");
            if (!req.isObject()) {
                throw new InvalidInputException("request: expected a JSON object");
            }
            answer(ctx, 200, endpoint.apply(req));
        } catch (Jobs.JobFailed e) {
            answer(ctx, e.status, error(e.getMessage()));
        } catch (InvalidInputException e) {
            answer(ctx, 400, error(e.getMessage()));
        } catch (io.javalin.http.HttpResponseException e) {
            answer(ctx, e.getStatus(), error(e.getMessage()));
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            System.err.println("relucert serve: internal error on " + ctx.path() + ": " + e);
            e.printStackTrace();
            answer(ctx, 500, error("internal error: " + e));
        }
    }

    private static void answer(Context ctx, int status, ObjectNode doc) {
        ctx.status(status).contentType("application/json").result(Documents.text(doc));
    }

    /** True when a handler already answered with a JSON document (e.g. a 404 for an unknown request id). */
    private static boolean answered(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("application/json");
    }

    private static ObjectNode error(String message) {
        return Documents.MAPPER.createObjectNode().put("error", message);
    }
}
