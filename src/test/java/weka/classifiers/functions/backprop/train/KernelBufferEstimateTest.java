package weka.classifiers.functions.backprop.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import org.junit.jupiter.api.Test;

import weka.classifiers.functions.backprop.Activation;
import weka.classifiers.functions.backprop.NetworkShape;

/**
 * The per-thread part of {@link TrainingMemory}'s estimate is what the kernel really allocates: the doubles reachable
 * from one {@link Accumulator} (its objective and forward pass: the copy of θ, the partial gradient, the tiles),
 * counted by walking its fields, equal {@link Accumulator#bufferValues}. So the up-front size check and the message
 * saying how much memory the options need cannot drift from the buffers when the kernel changes.
 */
class KernelBufferEstimateTest {

  @Test
  void theEstimateOfOneThreadsBuffersIsWhatAnAccumulatorHolds() throws IllegalAccessException {
    int[][] shapes = {{49, 16, 1}, {0, 1, 1}, {7, 5, 3}, {63, 4, 4}, {64, 3, 1}, {1000, 7, 10}};
    for (int[] s : shapes) {
      NetworkShape shape = new NetworkShape(s[0], s[1], s[2], Activation.TANH);
      long held = doubles(new Accumulator(shape), Collections.newSetFromMap(new IdentityHashMap<>()));
      assertEquals(Accumulator.bufferValues(s[0], s[1], s[2]), held, "m = " + s[0] + ", g = " + s[1] + ", K = " + s[2]);
    }
  }

  @Test
  void aRangeTooShortToShareIsOneChunkInOneSetOfBuffersWhateverTheThreads() {
    DataMatrix data = EngineTestData.learnable(BatchGradient.MIN_SHARED_ROWS - 1, 3, 2, 5);
    NetworkShape shape = new NetworkShape(3, 4, 1, Activation.TANH);
    try (GradientWorkers workers = new GradientWorkers(shape, 4);
        BatchGradient gradient = new BatchGradient(data, workers)) {
      gradient.sums(Trainer.initialParameters(shape, 1), 0, data.numRows(), new GradientSums(shape.numParameters()));
      assertEquals(4, workers.numSlots());
      assertEquals(1, workers.numAccumulators());
    }
  }

  /** The doubles held in double[] and double[][] fields reachable from o through the kernel's own classes. */
  private static long doubles(Object o, Set<Object> seen) throws IllegalAccessException {
    if (o == null || !seen.add(o)) {
      return 0;
    }
    if (o instanceof double[]) {
      return ((double[]) o).length;
    }
    if (o instanceof double[][]) {
      long n = 0;
      for (double[] row : (double[][]) o) {
        n += doubles(row, seen);
      }
      return n;
    }
    if (!o.getClass().getName().startsWith("weka.classifiers.functions.backprop.")
        || o.getClass().isEnum()) {
      return 0; // shapes, activation functions, kernels: no buffers
    }
    long n = 0;
    for (Class<?> c = o.getClass(); c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
          continue;
        }
        field.setAccessible(true);
        n += doubles(field.get(o), seen);
      }
    }
    return n;
  }
}
