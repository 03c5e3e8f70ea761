package org.relucert.certify;

import java.io.Serializable;
import java.util.Arrays;
import org.relucert.InvalidInputException;
import org.relucert.net.Box;

/**
 * How a data set's pixels (0-255, channels interleaved per pixel: HWC, as in the CIFAR-10 CSV) become a
 * network input: scaled to [0, 1], reordered to channel-major CHW (the ONNX layout; a no-op for one
 * channel) and normalised per channel, (x - mean_c) / std_c.
 *
 * @param pixels   values per image
 * @param channels channels (pixels must be a multiple of it)
 * @param mean     per-channel means (length channels), in [0, 1] units
 * @param std      per-channel standard deviations, positive
 */
public record InputLayout(int pixels, int channels, double[] mean, double[] std) implements Serializable {

    /**
     * The layout for a network with {@code pixels} inputs: 3 channels when the size is 3 x a square
     * (32x32x3 CIFAR-10) and normalisation is not given per single channel, else 1; the normalisation
     * {@code "m1,m2,..:s1,s2,.."} (null: none) must have one value or one per channel.
     */
    public static InputLayout of(int pixels, Integer channels, String normalise) {
        double[] mean = null;
        double[] std = null;
        if (normalise != null) {
            String[] parts = normalise.split(":", -1);
            if (parts.length != 2) {
                throw new InvalidInputException("--normalise '" + normalise + "': expected means:stds, e.g. 0.1307:0.3081");
            }
            mean = numbers(parts[0], "means", normalise);
            std = numbers(parts[1], "stds", normalise);
            if (mean.length != std.length) {
                throw new InvalidInputException("--normalise: " + mean.length + " means but " + std.length + " stds");
            }
            for (double s : std) {
                if (!(s > 0)) {
                    throw new InvalidInputException("--normalise: standard deviations must be positive, got " + s);
                }
            }
        }
        int c = channels != null ? channels : defaultChannels(pixels);
        if (c < 1 || pixels % c != 0) {
            throw new InvalidInputException("--channels " + c + " does not divide the network's " + pixels + " inputs");
        }
        if (mean == null) {
            mean = new double[c];
            std = new double[c];
            Arrays.fill(std, 1);
        } else if (mean.length == 1 && c > 1) {
            mean = fill(c, mean[0]);
            std = fill(c, std[0]);
        } else if (mean.length != c) {
            throw new InvalidInputException("--normalise has " + mean.length + " values per list but the network's "
                    + pixels + " inputs are " + c + " channel(s): give 1 or " + c);
        }
        return new InputLayout(pixels, c, mean, std);
    }

    private static int defaultChannels(int pixels) {
        int side = (int) Math.round(Math.sqrt(pixels / 3.0));
        return pixels % 3 == 0 && 3 * side * side == pixels ? 3 : 1;
    }

    /** The network input of pixel values 0-255 (HWC order). */
    public double[] input(double[] raw) {
        double[] x = new double[pixels];
        for (int i = 0; i < pixels; i++) {
            x[i] = raw[i] / 255.0;
        }
        return normalise(x);
    }

    /** The box clip(x/255 ± eps, [0, 1]) in network input space. */
    public Box box(double[] raw, double eps) {
        double[] lo = new double[pixels];
        double[] hi = new double[pixels];
        for (int i = 0; i < pixels; i++) {
            double x = raw[i] / 255.0;
            lo[i] = Math.max(0, x - eps);
            hi[i] = Math.min(1, x + eps);
        }
        return new Box(normalise(lo), normalise(hi));
    }

    /** HWC [0, 1] values to normalised CHW. */
    private double[] normalise(double[] hwc) {
        int hw = pixels / channels;
        double[] out = new double[pixels];
        for (int p = 0; p < hw; p++) {
            for (int c = 0; c < channels; c++) {
                out[c * hw + p] = (hwc[p * channels + c] - mean[c]) / std[c];
            }
        }
        return out;
    }

    private static double[] numbers(String text, String what, String whole) {
        String[] parts = text.split(",", -1);
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--normalise '" + whole + "': " + what + " value " + (i + 1)
                        + " '" + parts[i] + "' is not a number");
            }
            if (!Double.isFinite(v[i])) {
                throw new InvalidInputException("--normalise: " + what + " value " + (i + 1) + " is not finite");
            }
        }
        return v;
    }

    private static double[] fill(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
