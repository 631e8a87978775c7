import Agent
import Testing

@Suite(.timeLimit(.minutes(1))) struct JobSlotsTests {
    @Test func grantsUpToConcurrentAndWaitsForRelease() async {
        let slots = JobSlots(concurrent: 2, limits: [:])
        #expect(await slots.acquire(runner: "a"))
        #expect(await slots.acquire(runner: "b"))
        #expect(slots.inUse == 2)
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { await slots.acquire(runner: "a") }
            slots.release(runner: "b")
            #expect(await group.next() == true)
        }
        #expect(slots.inUse == 2)
        #expect(slots.inUse(runner: "a") == 2)
    }

    @Test func perRunnerLimitLeavesRoomForOthers() async {
        let slots = JobSlots(concurrent: 3, limits: ["a": 1])
        #expect(await slots.acquire(runner: "a"))
        #expect(await slots.acquire(runner: "b"))
        #expect(await slots.acquire(runner: "b"))
        #expect(slots.inUse(runner: "a") == 1)
    }

    @Test func cancelledWaiterGetsNoSlot() async {
        let slots = JobSlots(concurrent: 1, limits: [:])
        #expect(await slots.acquire(runner: "a"))
        let waiter = Task { await slots.acquire(runner: "a") }
        waiter.cancel()
        #expect(await waiter.value == false)
        slots.release(runner: "a")
        #expect(slots.inUse == 0)
    }
}
