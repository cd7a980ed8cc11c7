package org.ganomaly.fiji.updatesite;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.LocalDateTime;
import org.junit.Test;

public class TimestampsTest {

	@Test
	public void areFourteenDigitsOfLocalTime() {
		assertEquals(20261128120000L, Timestamps.of(LocalDateTime.of(2026, 11, 28, 12, 0, 0)));
		assertEquals(LocalDateTime.of(2026, 2, 28, 23, 59, 59), Timestamps.parse(20260228235959L));
	}

	@Test
	public void rejectWhatIsNoDateAndTime() {
		assertTrue(Timestamps.isValid(20240229000000L));
		assertFalse("no 29 February in 2026", Timestamps.isValid(20260229000000L));
		assertFalse("month 13", Timestamps.isValid(20261301000000L));
		assertFalse("an epoch in milliseconds", Timestamps.isValid(1764331200000L));
		assertFalse("12 digits", Timestamps.isValid(202611281200L));
		assertFalse(Timestamps.isValid(0));
	}

	@Test
	public void nextIsOneSecondLaterAcrossMidnight() {
		assertEquals(20270101000000L, Timestamps.next(20261231235959L));
	}
}
