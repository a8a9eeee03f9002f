/** The longest case note the database takes: the sidebar's note field stops there, so it never fails. */
export const MAX_NOTE_LENGTH = 5_000;
