package weka.classifiers.functions.backprop.benchmark;

/**
 * The round trip between two threads that spin on volatile counters, as the two halves of a split mini-batch wait for
 * each other: one thread writes a counter, the other sees it and answers on a second one. On a machine whose cores
 * are close (the project's VM, mostly) about 70–90 ns; prints five rounds of 400 000 round trips.
 */
public final class PingPongBench {

  private static volatile long ping;
  private static volatile long pong;

  private PingPongBench() {
  }

  public static void main(String[] args) {
    int perRound = 400_000;
    int rounds = 5;
    Thread other = new Thread(() -> {
      for (long i = 1; i <= (long) perRound * rounds; i++) {
        while (ping != i) {
          // spin
        }
        pong = i;
      }
    });
    other.setDaemon(true);
    other.start();
    for (int round = 0; round < rounds; round++) {
      long start = System.nanoTime();
      long first = (long) round * perRound + 1;
      for (long i = first; i < first + perRound; i++) {
        ping = i;
        while (pong != i) {
          // spin
        }
      }
      System.out.printf("round trip %.0f ns%n", (System.nanoTime() - start) / (double) perRound);
    }
  }
}
