import type { Adherence, DoseRecordStatus, DoseState, Medicine } from '../apps/nutriverse/medicine-schedule.js';

/** One dose as a person sees it: of which medicine, when, and what became of it. */
export interface DoseView {
  readonly personId: string;
  readonly medicineId: string;
  readonly name: string;
  readonly dose: string;
  readonly important: boolean;
  readonly date: string;
  readonly time: string;
  readonly due: number;
  readonly state: DoseState;
  /** When it was taken or skipped; null while nothing is recorded. */
  readonly at: number | null;
}

export interface MedicinesDay {
  readonly personId: string;
  readonly date: string;
  /** The medicines taken now (stopped ones are left out). */
  readonly medicines: readonly Medicine[];
  readonly doses: readonly DoseView[];
  /** The seven days to today, only the doses already due. */
  readonly week: Adherence & { readonly from: string; readonly to: string };
}

export interface MedicineDraft {
  readonly name: string;
  readonly dose: string;
  readonly times: readonly string[];
  readonly important: boolean;
}

/** What NutriVerse's medicines offer the API, while it runs. Throws JournalError for what it refuses. */
export interface MedicinesView {
  day(personId: string, date?: string): MedicinesDay;
  add(personId: string, draft: MedicineDraft): Medicine;
  change(personId: string, id: string, change: Partial<MedicineDraft>): Medicine;
  /** False when the person has no such medicine still taken. */
  stop(personId: string, id: string): boolean;
  /** Records a dose taken or skipped (null takes the record back). */
  record(personId: string, id: string, date: string, time: string, status: DoseRecordStatus | null, at: number | undefined): DoseView;
  /** The doses due now and not recorded yet, of these people. */
  reminders(personIds: readonly string[]): readonly DoseView[];
}
