namespace ReplicaBench.Engine;

/// <summary>
/// One of a scenario's operation types (point read, insert, ...), by its position in
/// <see cref="LoadScenario.Operations"/>. A small integer so that recording an outcome indexes an
/// array rather than hashing a string; resolve it once per virtual user with
/// <see cref="VirtualUserContext.Operation(string)"/>.
/// </summary>
public readonly record struct OperationId(int Index);
