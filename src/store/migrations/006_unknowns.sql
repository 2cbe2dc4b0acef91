-- Schema version 6: what a report does not give is kept as not known, never as zero.
-- Attendance not recorded (no "có mặt 0/9"); a part of the day without an exact time ("sáng");
-- tasks counted but not listed; each unit's representative; a proposal agreed by consensus
-- (suy tôn, hiệp thương) without a ballot.
ALTER TABLE conferences ADD COLUMN attendance_known INTEGER NOT NULL DEFAULT 1 CHECK (attendance_known IN (0, 1));
ALTER TABLE conferences ADD COLUMN part_of_day TEXT CHECK (part_of_day IN ('morning', 'afternoon', 'evening'));
ALTER TABLE conferences ADD COLUMN tasks_count INTEGER CHECK (tasks_count >= 0);
ALTER TABLE conference_attendance ADD COLUMN representative TEXT NOT NULL DEFAULT '';
ALTER TABLE conference_attendance ADD COLUMN representative_position TEXT NOT NULL DEFAULT '';
ALTER TABLE proposals ADD COLUMN by_consensus INTEGER NOT NULL DEFAULT 0 CHECK (by_consensus IN (0, 1));
