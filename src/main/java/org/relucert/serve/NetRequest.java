package org.relucert.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import org.relucert.InvalidInputException;
import org.relucert.construct.Encoders;
import org.relucert.construct.Encoding;
import org.relucert.construct.FlipTransform;
import org.relucert.construct.FunctionParser;
import org.relucert.construct.InputCopies;
import org.relucert.construct.TargetFunction;
import org.relucert.io.BoxParser;
import org.relucert.io.NetJson;
import org.relucert.io.onnx.OnnxReader;
import org.relucert.net.Box;
import org.relucert.net.Network;

/**
 * The {@code "net"} field of a request, in one of five forms: a relucert-net/1 document (a JSON object with
 * "format"), {@code {"document": <that document>, "name": "file.json"}} (an uploaded file; errors name it),
 * {@code "example:NAME"}, {@code {"onnx": "<base64>", "name": "file.onnx"}} (an uploaded ONNX model), or
 * {@code {"function": F, "for": T, "orientation", "augment", "layered", "box", "transform"}}: the network
 * {@code encode --function F --for T} builds, optionally rewritten by {@code transform --kind flip|copy-inputs}.
 *
 * @param network      the network
 * @param function     the encoded function (null unless the function form was used)
 * @param encoding     the construction (null unless the function form was used)
 */
record NetRequest(Network network, TargetFunction function, Encoding encoding) {

    static NetRequest of(JsonNode request) {
        JsonNode net = request.get("net");
        if (net == null || net.isNull()) {
            throw new InvalidInputException("net: missing; give a relucert-net/1 document, \"example:NAME\","
                    + " {\"onnx\": base64} or {\"function\": F, \"for\": T}");
        }
        if (net.isTextual()) {
            String s = net.asText();
            if (!s.startsWith("example:")) {
                throw new InvalidInputException("net: a string must be \"example:NAME\", got '" + abbreviate(s) + "'");
            }
            return new NetRequest(Examples.network(s.substring("example:".length())), null, null);
        }
        if (!net.isObject()) {
            throw new InvalidInputException("net: expected an object or \"example:NAME\"");
        }
        if (net.has("onnx")) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(Fields.text(net, "onnx", "net.onnx"));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("net.onnx: not base64: " + e.getMessage());
            }
            String name = net.has("name") ? net.get("name").asText() : "uploaded.onnx";
            return new NetRequest(OnnxReader.parse(bytes, name), null, null);
        }
        if (net.has("function")) {
            return encoded(net);
        }
        if (net.has("document")) {
            String name = net.has("name") ? net.get("name").asText() : "net.document";
            return new NetRequest(NetJson.parse(net.get("document").toString(), name), null, null);
        }
        return new NetRequest(NetJson.parse(net.toString(), "net"), null, null);
    }

    private static NetRequest encoded(JsonNode spec) {
        TargetFunction f = FunctionParser.parse(Fields.text(spec, "function", "function"));
        String target = spec.has("for") ? Fields.text(spec, "for", "for") : "multi";
        String orientation = spec.has("orientation") && !spec.get("orientation").asText().isEmpty()
                ? Fields.text(spec, "orientation", "orientation") : null;
        Box box = spec.has("box") && !spec.get("box").asText().isEmpty()
                ? BoxParser.parse(Fields.text(spec, "box", "box"), f.dim()) : null;
        Encoding e = Encoders.encode(f, target, new Encoders.Options(orientation, spec.path("augment").asBoolean(false),
                box, false, spec.path("layered").asBoolean(false)));
        String transform = spec.has("transform") ? Fields.text(spec, "transform", "transform") : "none";
        Network n = switch (transform) {
            case "none", "" -> e.network();
            case "flip" -> FlipTransform.apply(e.network());
            case "copy-inputs" -> {
                if (box == null) {
                    throw new InvalidInputException("transform copy-inputs needs a box \"l1:u1,...\" (the copies are"
                            + " R(x - l), stable active on the box)");
                }
                yield InputCopies.apply(e.network(), box);
            }
            default -> throw new InvalidInputException("transform: unknown '" + transform
                    + "'; expected none, flip or copy-inputs");
        };
        return new NetRequest(n, f, e);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
