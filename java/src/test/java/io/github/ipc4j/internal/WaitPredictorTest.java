package io.github.ipc4j.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WaitPredictorTest {
    @Test
    void anObjectThatNeverWaitedIsAlwaysTriedFirst() {
        WaitPredictor predictor = new WaitPredictor();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(predictor.tryFirst());
        }
    }

    @Test
    void afterAFailedTryTheNextCallsWaitAtOnceThenOneTriesAgain() {
        WaitPredictor predictor = new WaitPredictor();
        assertTrue(predictor.tryFirst());
        predictor.tryFailed();
        int straightToWait = 0;
        while (!predictor.tryFirst()) {
            straightToWait++;
        }
        assertEquals(WaitPredictor.SKIP_AFTER_WAIT, straightToWait);
        assertTrue(WaitPredictor.SKIP_AFTER_WAIT >= 1000, "a failed try costs a system call: tries must be rare "
                + "after one, or a full queue pays them all the time");
    }
}
