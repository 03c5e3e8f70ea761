package org.relucert.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relucert.io.NetJson;
import org.relucert.io.onnx.OnnxWriter;
import org.relucert.io.onnx.proto.Onnx;

/**
 * Every class of bad request answers 4xx with {@code {"error": one line}} naming the field, as the CLI's message
 * does; never a stack trace. Long computations end at the time limit or when cancelled.
 */
class ServeApiRejectsBadRequestsTest {
    private static ServerFixture fx;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        fx = new ServerFixture(60, 64 * 1024);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    /** Posts and checks the status and that the one-line error contains {@code part}. */
    private static void rejects(String path, String body, int status, String part) throws Exception {
        ServerFixture.Answer a = fx.post(path, body);
        assertEquals(status, a.status(), path + " " + body + " -> " + a.body());
        String msg = a.body().get("error").asText();
        assertTrue(msg.contains(part), "'" + msg + "' should contain '" + part + "'");
        assertFalse(msg.contains("\n") || msg.contains("\tat "), "one line, no stack trace: " + msg);
        assertEquals(1, a.body().size(), "only the error field: " + a.body());
    }

    private static final String MAX2 = "\"net\": \"example:max2\"";

    @Test
    void malformedRequestBodies() throws Exception {
        rejects("/api/bounds", "{\"net\": ", 400, "request: malformed JSON");
        rejects("/api/bounds", "[1, 2]", 400, "request: expected a JSON object");
        rejects("/api/bounds", "{\"box\": \"0:1\", \"domains\": [\"ibp\"]}", 400, "net: missing");
    }

    @Test
    void badNetworks() throws Exception {
        rejects("/api/bounds", "{\"net\": \"example:nope\", \"box\": \"0:1\", \"domains\": [\"ibp\"]}", 400, "unknown example 'nope'");
        rejects("/api/bounds", "{\"net\": \"/etc/passwd\", \"box\": \"0:1\", \"domains\": [\"ibp\"]}", 400, "must be \"example:NAME\"");
        rejects("/api/bounds", "{\"net\": 7, \"box\": \"0:1\", \"domains\": [\"ibp\"]}", 400, "net: expected an object");
        rejects("/api/bounds", "{\"net\": {\"format\": \"relucert-net/1\", \"inputs\": 1, \"nodes\": [{\"name\": \"y\","
                + " \"op\": \"affine\", \"from\": [\"nowhere\"], \"weight\": [[1]], \"bias\": [0]}], \"output\": \"y\"},"
                + " \"box\": \"0:1\", \"domains\": [\"ibp\"]}", 400, "nowhere");
        rejects("/api/bounds", "{\"net\": {\"format\": \"other/2\"}, \"box\": \"0:1\", \"domains\": [\"ibp\"]}", 400, "format");
        rejects("/api/network", "{\"net\": {\"document\": {\"format\": \"other/2\"}, \"name\": \"mine.json\"}}", 400,
                "mine.json");
    }

    @Test
    void badFunctionsAndEncodings() throws Exception {
        rejects("/api/network", "{\"net\": {\"function\": \"max(x1,\"}}", 400, "function 'max(x1,'");
        rejects("/api/network", "{\"net\": {\"function\": \"cpwl: 0:0, 0:1\"}}", 400, "cpwl");
        rejects("/api/network", "{\"net\": {\"function\": \"max(x1, x2)\", \"for\": \"triangle\"}}", 400, "Table 1");
        rejects("/api/network", "{\"net\": {\"function\": \"max(x1, x2)\", \"for\": \"nonsense\"}}", 400, "unknown --for 'nonsense'");
        rejects("/api/network", "{\"net\": {\"function\": \"cpwl: -2:2, 0:0, 1:1, 3:7\", \"for\": \"triangle\","
                + " \"orientation\": \"+++\"}}", 400, "orientation");
        rejects("/api/network", "{\"net\": {\"function\": \"cpwl: -2:2, 0:0, 1:1, 3:7\", \"transform\": \"copy-inputs\"}}",
                400, "copy-inputs needs a box");
        rejects("/api/network", "{\"net\": {\"function\": \"cpwl: -2:2, 0:0, 1:1, 3:7\", \"transform\": \"twist\"}}",
                400, "transform: unknown 'twist'");
        rejects("/api/encode", "{\"function\": 3}", 400, "function: expected a string");
        rejects("/api/classify", "{}", 400, "function: missing");
        rejects("/api/classify", "{\"function\": \"max(x1, y)\"}", 400, "function 'max(x1, y)'");
    }

    @Test
    void badOnnxUploads() throws Exception {
        rejects("/api/network", "{\"net\": {\"onnx\": \"%%%\"}}", 400, "net.onnx: not base64");
        rejects("/api/network", "{\"net\": {\"onnx\": \"AAAA\", \"name\": \"x.onnx\"}}", 400, "x.onnx: not a valid ONNX model");
        Onnx.GraphProto g = Onnx.GraphProto.newBuilder().setName("g")
                .addInput(tensor("x", 1, 2, 4, 4))
                .addNode(Onnx.NodeProto.newBuilder().setOpType("GlobalMaxPool").setName("gmp").addInput("x").addOutput("y"))
                .addOutput(tensor("y", 1, 2, 1, 1)).build();
        byte[] model = Onnx.ModelProto.newBuilder().setIrVersion(7)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(g).build().toByteArray();
        rejects("/api/network", "{\"net\": {\"onnx\": \"" + Base64.getEncoder().encodeToString(model) + "\", \"name\": \"gmp.onnx\"}}",
                400, "unsupported operator 'GlobalMaxPool'");
    }

    private static Onnx.ValueInfoProto tensor(String name, long... dims) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder().setTensorType(
                Onnx.TypeProto.Tensor.newBuilder().setElemType(Onnx.TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    @Test
    void aValidOnnxUploadIsBoundedLikeItsJson() throws Exception {
        Path file = dir.resolve("f3.onnx");
        OnnxWriter.write(NetJson.readResource("/examples/f3_dp0.json"), file);
        String b64 = Base64.getEncoder().encodeToString(Files.readAllBytes(file));
        ServerFixture.Answer onnx = fx.post("/api/bounds", "{\"net\": {\"onnx\": \"" + b64 + "\"}, \"box\": \"-1:2\", \"domains\": [\"ibp\"]}");
        ServerFixture.Answer json = fx.post("/api/bounds", "{\"net\": \"example:f3_dp0\", \"box\": \"-1:2\", \"domains\": [\"ibp\"]}");
        assertEquals(200, onnx.status(), onnx.body().toString());
        assertEquals(json.body().at("/results/0/upper/0").asDouble(), onnx.body().at("/results/0/upper/0").asDouble(), 1e-9);
    }

    @Test
    void badBoxes() throws Exception {
        rejects("/api/bounds", "{" + MAX2 + ", \"domains\": [\"ibp\"]}", 400, "box: missing");
        rejects("/api/bounds", "{" + MAX2 + ", \"box\": \"0:1\", \"domains\": [\"ibp\"]}", 400, "box: box has 1 dimensions, the network has 2 inputs");
        rejects("/api/bounds", "{" + MAX2 + ", \"box\": \"0:1,x:2\", \"domains\": [\"ibp\"]}", 400, "box: dimension 2 lower");
        rejects("/api/bounds", "{" + MAX2 + ", \"box\": \"0:1,2:1\", \"domains\": [\"ibp\"]}", 400, "box");
        rejects("/api/bounds", "{" + MAX2 + ", \"box\": 5, \"domains\": [\"ibp\"]}", 400, "box: expected a string");
        rejects("/api/bounds", "{" + MAX2 + ", \"box\": \"0:2,0:1\", \"over\": \"0:1,0:1\", \"domains\": [\"ibp\"]}", 400,
                "is not inside X");
        rejects("/api/gap", "{" + MAX2 + ", \"box\": \"0:1\"}", 400, "box: box has 1 dimensions");
        rejects("/api/precision", "{" + MAX2 + ", \"domain\": \"ibp\", \"over\": \"0:1\"}", 400, "over: box has 1 dimensions");
        rejects("/api/graph", "{" + MAX2 + ", \"over\": \"0:1,0:1,0:1\"}", 400, "over: box has 3 dimensions");
        rejects("/api/lines", "{" + MAX2 + ", \"box\": \"\"}", 400, "box: empty box");
    }

    @Test
    void badDomainsAndOptions() throws Exception {
        rejects("/api/bounds", "{" + MAX2 + ", \"box\": \"0:1,0:1\", \"domains\": [\"nope\"]}", 400, "unknown domain 'nope'");
        rejects("/api/bounds", "{" + MAX2 + ", \"box\": \"0:1,0:1\", \"domains\": []}", 400, "no domain given");
        rejects("/api/bounds", "{" + MAX2 + ", \"box\": \"0:1,0:1\"}", 400, "domains: missing");
        rejects("/api/bounds", "{" + MAX2 + ", \"box\": \"0:1,0:1\", \"domains\": [1]}", 400, "domains: expected strings");
        rejects("/api/bounds", "{" + MAX2 + ", \"box\": \"0:1,0:1\", \"domains\": [\"ibp:3\"]}", 400, "takes no argument");
        rejects("/api/precision", "{" + MAX2 + ", \"over\": \"0:1,0:1\"}", 400, "domain: missing");
        rejects("/api/precision", "{" + MAX2 + ", \"domain\": \"ibp\", \"over\": \"0:1,0:1\", \"budget\": 0}", 400, "budget");
        rejects("/api/gap", "{" + MAX2 + ", \"box\": \"0:1,0:1\", \"tolerance\": -1}", 400, "tolerance");
        rejects("/api/gap", "{" + MAX2 + ", \"box\": \"0:1,0:1\", \"output\": 3}", 400, "output index 3 out of range");
        rejects("/api/gapmap", "{" + MAX2 + ", \"domains\": [\"ibp\"], \"over\": \"0:1,0:1\"}", 400, "needs a network with one input");
        rejects("/api/gapmap", "{\"net\": \"example:f3_dp0\", \"domains\": [\"ibp\"], \"over\": \"-2:3\", \"resolution\": 1}", 400, "resolution");
        rejects("/api/gapmap", "{\"net\": \"example:f3_dp0\", \"domains\": [\"ibp\"], \"over\": \"1:1\"}", 400, "lower < upper");
        rejects("/api/graph", "{\"net\": \"example:random3\", \"over\": \"0:1,0:1,0:1\"}", 400, "one or two inputs");
    }

    @Test
    void tooLargeBodiesAndUnknownEndpoints() throws Exception {
        String big = "{\"net\": \"example:max2\", \"pad\": \"" + "x".repeat(70 * 1024) + "\"}";
        rejects("/api/bounds", big, 413, "request too large");
        rejects("/api/nothing", "{}", 404, "no such endpoint");
        ServerFixture.Answer a = fx.get("/api/bounds");
        assertTrue(a.status() == 404 || a.status() == 405, a.toString());
        assertTrue(a.body().has("error"));
        ServerFixture.Answer p = fx.get("/api/progress/none");
        assertEquals(404, p.status());
        assertTrue(p.body().get("error").asText().contains("no running request 'none'"));
        rejects("/api/cancel/none", "{}", 404, "no running request 'none'");
    }

    @Test
    void aRunningRequestReportsProgressAndCanBeCancelled() throws Exception {
        String body = "{\"net\": \"example:random3\", \"domain\": \"triangle\", \"over\": \"-1:1,-1:1,-1:1\","
                + " \"budget\": 200000, \"request_id\": \"long-1\"}";
        CompletableFuture<ServerFixture.Answer> pending = CompletableFuture.supplyAsync(() -> {
            try {
                return fx.post("/api/precision", body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ServerFixture.Answer progress = null;
        for (int k = 0; k < 200 && (progress == null || progress.status() != 200); k++) {
            Thread.sleep(50);
            progress = fx.get("/api/progress/long-1");
        }
        assertEquals(200, progress.status(), progress.body().toString());
        assertEquals("long-1", progress.body().get("request_id").asText());
        assertTrue(progress.body().get("stage").asText().contains("200000 boxes"), progress.body().toString());
        ServerFixture.Answer cancel = fx.post("/api/cancel/long-1", "{}");
        assertEquals(200, cancel.status(), cancel.body().toString());
        ServerFixture.Answer answer = pending.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(409, answer.status(), answer.body().toString());
        assertEquals("cancelled", answer.body().get("error").asText());
        // the worker is free again: a small request is answered
        ServerFixture.Answer next = fx.post("/api/bounds", "{" + MAX2 + ", \"box\": \"0:1,0:1\", \"domains\": [\"ibp\"]}");
        assertEquals(200, next.status());
    }

    @Test
    void aRequestBeyondTheTimeLimitIsCancelledWith408() throws Exception {
        try (ServerFixture quick = new ServerFixture(0.3, 1 << 20)) {
            ServerFixture.Answer a = quick.post("/api/precision", "{\"net\": \"example:random3\", \"domain\": \"triangle\","
                    + " \"over\": \"-1:1,-1:1,-1:1\", \"budget\": 200000}");
            assertEquals(408, a.status(), a.body().toString());
            assertTrue(a.body().get("error").asText().startsWith("time limit of 0.3 s exceeded"));
        }
    }
}
