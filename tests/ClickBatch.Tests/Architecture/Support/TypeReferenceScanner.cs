using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace ClickBatch.Tests.Architecture.Support;

/// <summary>
/// Reads a compiled assembly's metadata and IL (System.Reflection.Metadata) and lists, for every type it defines,
/// the other types of the same assembly it uses: base type, interfaces, generic constraints, field and method
/// signatures, locals, catch clauses, attribute constructors, and every token in method bodies (calls, fields, casts,
/// typeof). Not seen: types named only inside attribute arguments, and constants (inlined; the using-line scan covers
/// those imported through a using). Compiler-generated nested types
/// (lambdas, async state machines) count for the type that declares them. Works on IL, so it sees what the
/// compiler resolved, not what a using line suggests.
/// </summary>
internal sealed class TypeReferenceScanner
{
    private static readonly Dictionary<short, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    private readonly MetadataReader _reader;
    private readonly TypeNameProvider _names;

    private TypeReferenceScanner(MetadataReader reader)
    {
        _reader = reader;
        _names = new TypeNameProvider(reader);
    }

    /// <returns>Per defined type (full name of its outermost declaring type), the full names of the types it uses.</returns>
    public static IReadOnlyDictionary<string, ISet<string>> Scan(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var scanner = new TypeReferenceScanner(pe.GetMetadataReader());
        return scanner.ScanAll(pe);
    }

    private Dictionary<string, ISet<string>> ScanAll(PEReader pe)
    {
        var result = new Dictionary<string, ISet<string>>(StringComparer.Ordinal);
        foreach (var handle in _reader.TypeDefinitions)
        {
            var owner = _names.Outermost(handle);
            if (!result.TryGetValue(owner, out var used))
            {
                used = new HashSet<string>(StringComparer.Ordinal);
                result[owner] = used;
            }

            ScanType(pe, handle, used);
        }

        return result;
    }

    private void ScanType(PEReader pe, TypeDefinitionHandle handle, ISet<string> used)
    {
        var type = _reader.GetTypeDefinition(handle);
        AddEntity(type.BaseType, used);
        foreach (var i in type.GetInterfaceImplementations())
        {
            AddEntity(_reader.GetInterfaceImplementation(i).Interface, used);
        }

        AddAttributes(type.GetCustomAttributes(), used);
        AddConstraints(type.GetGenericParameters(), used);
        foreach (var f in type.GetFields())
        {
            var field = _reader.GetFieldDefinition(f);
            AddAll(field.DecodeSignature(_names, null), used);
            AddAttributes(field.GetCustomAttributes(), used);
        }

        foreach (var p in type.GetProperties())
        {
            AddAttributes(_reader.GetPropertyDefinition(p).GetCustomAttributes(), used);
        }

        foreach (var m in type.GetMethods())
        {
            ScanMethod(pe, _reader.GetMethodDefinition(m), used);
        }
    }

    private void ScanMethod(PEReader pe, MethodDefinition method, ISet<string> used)
    {
        var signature = method.DecodeSignature(_names, null);
        AddAll(signature.ReturnType, used);
        foreach (var parameter in signature.ParameterTypes)
        {
            AddAll(parameter, used);
        }

        AddAttributes(method.GetCustomAttributes(), used);
        AddConstraints(method.GetGenericParameters(), used);
        if (method.RelativeVirtualAddress == 0)
        {
            return;
        }

        var body = pe.GetMethodBody(method.RelativeVirtualAddress);
        if (!body.LocalSignature.IsNil)
        {
            foreach (var local in _reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(_names, null))
            {
                AddAll(local, used);
            }
        }

        foreach (var region in body.ExceptionRegions)
        {
            AddEntity(region.CatchType, used);
        }

        ScanIl(body.GetILReader(), used);
    }

    private void AddConstraints(GenericParameterHandleCollection parameters, ISet<string> used)
    {
        foreach (var p in parameters)
        {
            foreach (var c in _reader.GetGenericParameter(p).GetConstraints())
            {
                AddEntity(_reader.GetGenericParameterConstraint(c).Type, used);
            }
        }
    }

    private void ScanIl(BlobReader il, ISet<string> used)
    {
        while (il.RemainingBytes > 0)
        {
            short value = il.ReadByte();
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il.ReadByte());
            }

            switch (OperandTypes[value])
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    AddEntity(MetadataTokens.EntityHandle(il.ReadInt32()), used);
                    break;
                case OperandType.InlineSwitch:
                    var targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                default:
                    il.Offset += OperandSize(OperandTypes[value]);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    private void AddAttributes(CustomAttributeHandleCollection attributes, ISet<string> used)
    {
        foreach (var a in attributes)
        {
            AddEntity(_reader.GetCustomAttribute(a).Constructor, used);
        }
    }

    private void AddEntity(EntityHandle handle, ISet<string> used)
    {
        if (handle.IsNil)
        {
            return;
        }

        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                used.Add(_names.Outermost((TypeDefinitionHandle)handle));
                break;
            case HandleKind.TypeSpecification:
                AddAll(_reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(_names, null), used);
                break;
            case HandleKind.MethodDefinition:
                used.Add(_names.Outermost(_reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType()));
                break;
            case HandleKind.FieldDefinition:
                used.Add(_names.Outermost(_reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()));
                break;
            case HandleKind.MemberReference:
                AddMemberReference(_reader.GetMemberReference((MemberReferenceHandle)handle), used);
                break;
            case HandleKind.MethodSpecification:
                var spec = _reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                AddEntity(spec.Method, used);
                foreach (var argument in spec.DecodeSignature(_names, null))
                {
                    AddAll(argument, used);
                }

                break;
        }
    }

    private void AddMemberReference(MemberReference member, ISet<string> used)
    {
        AddEntity(member.Parent, used);
        if (member.GetKind() == MemberReferenceKind.Method)
        {
            var signature = member.DecodeMethodSignature(_names, null);
            AddAll(signature.ReturnType, used);
            foreach (var parameter in signature.ParameterTypes)
            {
                AddAll(parameter, used);
            }
        }
        else
        {
            AddAll(member.DecodeFieldSignature(_names, null), used);
        }
    }

    private static void AddAll(ImmutableArray<string> types, ISet<string> used)
    {
        foreach (var t in types)
        {
            used.Add(t);
        }
    }
}
