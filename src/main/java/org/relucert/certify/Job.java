package org.relucert.certify;

import java.io.Serializable;

/**
 * One certification job: item (image or instance) {@code item} of the work list at radius {@code eps}
 * (NaN for VNN-LIB instances, whose boxes are in the file) with {@code method}.
 *
 * @param item  index into the work list
 * @param name  the item's name in results (image number or vnnlib path)
 * @param eps   L-infinity radius in pixel units / 255 (NaN for instances)
 */
public record Job(int item, String name, double eps, Method method) implements Serializable {

    /** The key identifying the job in results.csv: name, eps, method. */
    public String key() {
        return key(name, epsText(eps), method.name());
    }

    static String key(String name, String eps, String method) {
        return name + "|" + eps + "|" + method;
    }

    /** eps as written in results ("" for instances). */
    public static String epsText(double eps) {
        return Double.isNaN(eps) ? "" : Double.toString(eps);
    }

    /** Estimated relative cost (larger eps and heavier methods first). */
    public double cost() {
        return method.cost() * (1 + (Double.isNaN(eps) ? 0 : eps));
    }
}
