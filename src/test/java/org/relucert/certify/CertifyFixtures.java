package org.relucert.certify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.relucert.io.NetworkFiles;
import org.relucert.net.Network;
import org.relucert.net.RandomNetworks;

/** A small random network and a data set of random "images" for it, written to a folder. */
public final class CertifyFixtures {
    private CertifyFixtures() {
    }

    /** A seeded 16-input network with two hidden layers of 20 and 4 outputs. */
    public static Network network(long seed) {
        return RandomNetworks.fullyConnected(seed, 16, new int[] {20, 20}, 4);
    }

    /** Writes net.json and images.csv into dir: images labelled with the network's clean class, every 5th one wrongly. */
    public static void write(Path dir, long seed, int images) throws IOException {
        write(dir, network(seed), seed, images);
    }

    /** As {@link #write(Path, long, int)} for a given network. */
    public static void write(Path dir, Network net, long seed, int images) throws IOException {
        int n = net.inputSize();
        NetworkFiles.write(net, dir.resolve("net.json"));
        Random rnd = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < images; k++) {
            double[] raw = new double[n];
            for (int i = 0; i < n; i++) {
                raw[i] = rnd.nextInt(256);
            }
            InputLayout layout = InputLayout.of(n, null, null);
            double[] y = net.evaluate(layout.input(raw));
            int label = 0;
            for (int j = 1; j < y.length; j++) {
                label = y[j] > y[label] ? j : label;
            }
            if (k % 5 == 4) {
                label = (label + 1) % y.length;
            }
            sb.append(label);
            for (double v : raw) {
                sb.append(',').append((int) v);
            }
            sb.append('\n');
        }
        Files.writeString(dir.resolve("images.csv"), sb);
    }

    /** A plan over dir's files. */
    public static CertifyPlan plan(Path dir, List<Double> eps, String methods) {
        return new CertifyPlan(dir.resolve("net.json").toString(), dir.resolve("images.csv").toString(), null, null, null,
                null, eps, Method.parseList(methods));
    }
}
