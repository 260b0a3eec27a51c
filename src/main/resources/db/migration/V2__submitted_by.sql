-- The gateway instance that completed a drop's upload, for operators of several instances.
ALTER TABLE drop_record ADD COLUMN submitted_by VARCHAR(200);
