import type { LaneScriptDoc } from '../engine/custom/script';
import type { ReplaceOutcome, SliceCreator } from './types';

/** The playground's own lanes: the lane editor's state and the edits of the scenario's custom lanes. */
export interface CustomLaneSlice {
  /** The lane editor: closed, a new lane, or the custom lane `editing`. */
  laneEditor: { editing: string | null } | null;
  openLaneEditor(editing?: string | null): void;
  closeLaneEditor(): void;
  /**
   * Puts a custom lane in the scenario (at the end, or in place of the lane `replacing`) through the store's scenario
   * edit path (validated, saved, re-run; the cursor stays). Closes the editor when the scenario took it.
   */
  saveCustomLane(lane: LaneScriptDoc, replacing: string | null): Promise<ReplaceOutcome>;
  removeCustomLane(id: string): Promise<void>;
  /**
   * Opens the explorer on the scenario with this lane in it and runs it; the map opens on this lane's cell of its
   * smallest breaking schedule (or of the clean play when it holds everywhere), so the detail line speaks of it.
   */
  exploreCustomLane(id: string): void;
}

export const createCustomLaneSlice = (): SliceCreator<CustomLaneSlice> => (set, get, api) => ({
  laneEditor: null,
  openLaneEditor(editing = null) {
    get().pause();
    set({ laneEditor: { editing } });
  },
  closeLaneEditor: () => set({ laneEditor: null }),
  async saveCustomLane(lane, replacing) {
    const doc = get().doc;
    if (!doc) return { status: 'invalid', issues: [{ path: [], message: 'no scenario is open' }] };
    const { withCustomLane } = await import('./customLanes');
    const next = withCustomLane(doc, lane, replacing);
    // a lane choice that leaves lanes out keeps showing the one just written
    const choice = get().laneChoice;
    const lanes = choice ? [...choice.filter((id) => id !== replacing), lane.id] : undefined;
    const out = await get().requestReplace({ source: 'editor', doc: next, view: lanes ? { lanes } : {} });
    if (out.status === 'replaced') set({ laneEditor: null });
    return out;
  },
  async removeCustomLane(id) {
    const doc = get().doc;
    if (!doc) return;
    const { withoutLane } = await import('./customLanes');
    const next = withoutLane(doc, id);
    if (next === doc) return;
    const choice = get().laneChoice;
    await get().requestReplace({ source: 'editor', doc: next, view: choice ? { lanes: choice.filter((x) => x !== id) } : {} });
  },
  exploreCustomLane(id) {
    set({ challengesOpen: false });
    // this lane only: its own column, its own counterexample (Run again explores every lane)
    void get().runExplore(undefined, [id]);
    // set in the same turn as the report arrives, before the map first draws (it starts on the stored cell)
    const stop = api.subscribe((st) => {
      if (st.exploreStatus === 'running' || st.exploreStatus === 'cancelling') return;
      stop();
      const report = st.exploreReport;
      const schedule = report?.lanes[id]?.counterexample ?? report?.schedules[0]?.id;
      if (st.exploreStatus === 'done' && report?.lanes[id] && schedule) st.setExploreCell({ schedule, lane: id });
    });
  },
});
