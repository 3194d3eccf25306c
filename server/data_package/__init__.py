"""The data package check: what the customer sent in DS Data, read from the files themselves
(plod data, invoices, schedules of rates), not from what the handover says."""
