package org.relucert.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A server on a free port of 127.0.0.1 and a small JSON client for it. */
final class ServerFixture implements AutoCloseable {
    /** Status and parsed body of one answer. */
    record Answer(int status, JsonNode body) {
    }

    static final ObjectMapper MAPPER = new ObjectMapper();
    final ApiServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ServerFixture(double timeLimitSeconds, long maxRequestBytes) {
        server = ApiServer.start(new ApiServer.Settings("127.0.0.1", 0, 2, timeLimitSeconds, maxRequestBytes));
    }

    ServerFixture() {
        this(60, 1 << 20);
    }

    Answer post(String path, String body) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return answer(client.send(r, HttpResponse.BodyHandlers.ofString()));
    }

    Answer get(String path) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .timeout(Duration.ofSeconds(120)).GET().build();
        return answer(client.send(r, HttpResponse.BodyHandlers.ofString()));
    }

    private static Answer answer(HttpResponse<String> r) throws IOException {
        return new Answer(r.statusCode(), MAPPER.readTree(r.body()));
    }

    @Override
    public void close() {
        server.close();
    }
}
