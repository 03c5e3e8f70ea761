package org.relucert.certify;

import java.io.Serializable;
import java.util.List;

/**
 * Everything that defines a certification run's jobs, as plain values, so that a Spark executor can rebuild
 * the same {@link Workload} from it (paths must be readable there too).
 *
 * @param net       network file (.onnx or relucert-net/1 JSON); null with {@code instances}
 * @param data      data set CSV (label, pixels 0-255); null with {@code instances}
 * @param instances VNN-LIB instance list (onnx,vnnlib,timeout; paths relative to its folder), or null
 * @param limit     first images / instances only (null: all)
 * @param channels  channels of the input (null: 3 for 3 x square inputs, else 1)
 * @param normalise "means:stds" or null
 * @param eps       radii in [0, 1] pixel units (ignored for instances)
 * @param methods   methods to run on every item and radius
 */
public record CertifyPlan(String net, String data, String instances, Integer limit, Integer channels,
                          String normalise, List<Double> eps, List<Method> methods) implements Serializable {

    public CertifyPlan {
        eps = List.copyOf(eps);
        methods = List.copyOf(methods);
    }
}
